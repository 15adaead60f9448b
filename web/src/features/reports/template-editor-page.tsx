import { reportPeriodKindLabels, unitKindLabels, unitKinds, type ReportTemplateView } from '@thidua/contracts';
import { Alert, App as AntdApp, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../app/api';
import { DATE_FORMAT } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { NotFound } from '../../app/not-found-page';
import { isNotFound, useRecordId } from '../../app/record-id';
import { useUnsavedGuard } from '../../app/use-unsaved-guard';
import { PageSpinner } from '../../app/page-spinner';
import { UnitPicker } from '../org/unit-picker';
import { Muted } from '../../app/text';
import { periodsPerYear } from './period';
import { periodOptions } from './report-pickers';
import { reportPaths } from './report-paths';
import { useReportTemplate } from './reports-api';
import { TemplateContentEditor } from './template-content-editor';
import { DOCUMENT_CODE_PATTERN, showServerErrors, TIME_PATTERN, toFormValues, toUpdateBody, type TemplateFormValues } from './template-form';
import { templatesApi, useIndicatorSources, useTemplateChange } from './templates-api';
import { NumberInput, numberRule } from '../../app/number-input';

const REMIND_DAYS = [30, 15, 14, 10, 7, 5, 3, 2, 1, 0];

function TemplateForm({ tpl }: { tpl: ReportTemplateView }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<TemplateFormValues>();
  const sources = useIndicatorSources();
  const [serverError, setServerError] = useState<{ error: unknown; lines: string[] } | null>(null);
  const [dirty, setDirty] = useState(false);
  useUnsavedGuard(dirty);
  const editable = tpl.allowed.includes('edit');
  const dueMode = Form.useWatch('dueMode', form);
  const periodChoices = periodOptions(tpl.periodKind, null, t);
  const save = useTemplateChange((v: TemplateFormValues) => templatesApi.update(tpl.id, toUpdateBody(v, tpl.periodKind)));

  const onFinish = (v: TemplateFormValues) => {
    setServerError(null);
    save.mutate(v, {
      onSuccess: (saved) => {
        form.setFieldsValue(toFormValues(saved));
        setDirty(false);
        void message.success(t('reports.templates.saved'));
      },
      onError: (error) => setServerError({ error, lines: showServerErrors(form, error, i18n.language, t) }),
    });
  };

  return (
    <Form<TemplateFormValues>
      form={form}
      name="templateForm"
      layout="vertical"
      disabled={!editable}
      initialValues={toFormValues(tpl)}
      onValuesChange={() => setDirty(true)}
      onFinish={onFinish}
      scrollToFirstError
    >
      {!editable && <Alert type="info" showIcon title={t('reports.templates.readOnly')} style={{ marginBottom: 16 }} />}
      <Card title={t('reports.templates.general')} style={{ marginBottom: 16 }}>
        <Form.Item label={t('reports.templates.name')} name="name" rules={[{ required: true, whitespace: true, message: t('reports.templates.nameRequired') }, { max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('reports.templates.periodKind')}>
          <Typography.Text strong>{label(reportPeriodKindLabels[tpl.periodKind])}</Typography.Text>
        </Form.Item>
        {periodsPerYear(tpl.periodKind) > 0 ? (
          <Form.Item
            label={t('reports.templates.periodIndexes')}
            name="periodIndexes"
            rules={[{ required: true, type: 'array', min: 1, message: t('reports.templates.periodIndexesRequired') }]}
          >
            <Checkbox.Group options={periodChoices} />
          </Form.Item>
        ) : (
          <Muted block>{t(tpl.periodKind === 'custom' ? 'reports.templates.periodCustom' : 'reports.templates.periodYear')}</Muted>
        )}
        <Form.Item label={t('reports.templates.dueMode')} name="dueMode" extra={t(dueMode === 'date' ? 'reports.templates.dueDateExplain' : 'reports.templates.dueExplain')}>
          <Radio.Group
            options={[
              { value: 'dayMonth', label: t('reports.templates.dueModeDayMonth') },
              { value: 'date', label: t('reports.templates.dueModeDate') },
            ]}
          />
        </Form.Item>
        {dueMode === 'date' ? (
          <Form.Item label={t('reports.templates.dueDate')} name="dueDate">
            <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} style={{ width: '100%', maxWidth: 240 }} />
          </Form.Item>
        ) : (
          <Row gutter={8}>
            <Col xs={12} sm={6}>
              <Form.Item label={t('reports.templates.dueDay')} name="dueDay" rules={[numberRule({ min: 1, max: 31, decimals: 0 }, t('reports.templates.dueDay'), i18n.language)]}>
                <NumberInput style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item label={t('reports.templates.dueMonth')} name="dueMonth" rules={[numberRule({ min: 1, max: 12, decimals: 0 }, t('reports.templates.dueMonth'), i18n.language)]}>
                <NumberInput style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item label={t('reports.templates.recipientUnit')} name="recipientUnitId" extra={t('reports.templates.recipientUnitHelp')}>
          <UnitPicker aria-label={t('reports.templates.recipientUnit')} allowClear seed={tpl.recipientUnitId && tpl.recipientUnitName ? [{ id: tpl.recipientUnitId, name: tpl.recipientUnitName }] : undefined} />
        </Form.Item>
        <Form.Item label={t('reports.templates.recipientText')} name="recipientText" extra={t('reports.templates.recipientTextHelp')} rules={[{ max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('reports.templates.reporterKinds')} name="reporterKinds" extra={t('reports.templates.reporterKindsHelp')}>
          <Select mode="multiple" allowClear options={unitKinds.map((k) => ({ value: k, label: label(unitKindLabels[k]) }))} />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('reports.templates.documentCode')}
              name="documentCode"
              extra={t('reports.templates.documentCodeHelp')}
              rules={[{ required: true, pattern: DOCUMENT_CODE_PATTERN, message: t('reports.templates.documentCodePattern') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('reports.templates.active')} name="isActive" valuePropName="checked" extra={t('reports.templates.activeHelp')}>
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('reports.templates.reminders')} style={{ marginBottom: 16 }}>
        <Row gutter={8}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('reports.templates.daysBefore')}
              name={['reminderSchedule', 'daysBefore']}
              extra={t('reports.templates.daysBeforeHelp')}
              rules={[
                {
                  validator: async (_, v: (number | string)[] | undefined) => {
                    if ((v ?? []).some((d) => !/^\d{1,3}$/.test(String(d)) || Number(d) > 366)) throw new Error(t('reports.templates.daysBeforeHelp'));
                  },
                },
              ]}
            >
              <Select mode="tags" tokenSeparators={[',', ' ']} options={REMIND_DAYS.map((d) => ({ value: d, label: String(d) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label={t('reports.templates.everyDaysAfter')}
              name={['reminderSchedule', 'everyDaysAfter']}
              extra={t('reports.templates.everyDaysAfterHelp')}
              rules={[numberRule({ min: 1, max: 366, decimals: 0 }, t('reports.templates.everyDaysAfter'), i18n.language)]}
            >
              <NumberInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label={t('reports.templates.maxAfter')}
              name={['reminderSchedule', 'maxAfter']}
              rules={[{ required: true }, numberRule({ min: 0, max: 100, decimals: 0 }, t('reports.templates.maxAfter'), i18n.language)]}
            >
              <NumberInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item label={t('reports.templates.at')} name={['reminderSchedule', 'at']} rules={[{ required: true, pattern: TIME_PATTERN, message: t('reports.templates.atPattern') }]}>
              <Input placeholder="08:00" style={{ maxWidth: 120 }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('reports.templates.content')} style={{ marginBottom: 16 }}>
        {sources.error ? <ErrorAlert error={sources.error} /> : null}
        <TemplateContentEditor form={form} sources={sources.data?.items ?? []} disabled={!editable} />
      </Card>

      {serverError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={`${t('reports.templates.notSaved')} (${errorText(serverError.error, i18n.language)})`}
          description={
            serverError.lines.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {serverError.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {editable && (
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!dirty}>
            {t('reports.templates.save')}
          </Button>
          <Button
            disabled={!dirty}
            onClick={() => {
              form.resetFields();
              setServerError(null);
              setDirty(false);
            }}
          >
            {t('reports.templates.discard')}
          </Button>
        </Flex>
      )}
    </Form>
  );
}

/** /bao-cao/mau/:id — one report template (mẫu báo cáo), edited by those who write its plan. */
export default function TemplateEditorPage() {
  const { t } = useTranslation();
  const id = useRecordId();
  const tpl = useReportTemplate(id ?? undefined);
  const back = (
    <Link to={tpl.data?.planId ? `${reportPaths.templates}?kh=${tpl.data.planId}` : reportPaths.templates}>{t('reports.templates.backToList')}</Link>
  );
  if (id === null || isNotFound(tpl.error)) return <NotFound back={{ to: reportPaths.templates, label: t('reports.templates.backToList') }} />;
  if (tpl.error) return <ErrorAlert error={tpl.error} />;
  if (!tpl.data) return <PageSpinner />;
  return (
    <>
      <PageHeader title={tpl.data.name} subtitle={back} />
      <TemplateForm key={tpl.data.id} tpl={tpl.data} />
    </>
  );
}
