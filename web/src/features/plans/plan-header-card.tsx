import { isDocumentNumber, type PlanDetail } from '@thidua/contracts';
import { App as AntdApp, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, formatDate, fromIsoDate, toIsoDate } from '../../app/format';
import { useFormError } from '../../app/forms';
import { DocumentTypeSelect } from './document-type-select';
import { documentNumber } from './plan-format';
import { plansApi, usePlanChange } from './plans-api';
import { useDocumentTypeName } from './use-document-type-name';
import { useSectionDirty } from './use-section-dirty';
import { NumberInput, numberRule, yearBounds } from '../../app/number-input';

interface Values {
  documentType: string;
  number?: string;
  code?: string;
  issueDate?: Dayjs | null;
  signer?: string;
  title: string;
  purposeText?: string;
  yearFrom?: number | null;
  yearTo?: number | null;
}

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** The years a plan applies to, in words: one year, a span, or the movement's whole period. */
function PlanYears({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const from = plan.yearFrom ?? plan.movementStartYear;
  const to = plan.yearTo ?? plan.movementEndYear;
  if (plan.yearFrom === null && plan.yearTo === null) return <>{t('plans.header.yearsWhole', { from, to })}</>;
  return <>{from === to ? t('plans.header.yearsOne', { year: from }) : t('plans.header.yearsSpan', { from, to })}</>;
}

/** The document's heading: type, number and code ("6344/KH-UBND"), issue date, signer, title, purpose, years. */
export function PlanHeaderCard({ plan, editable, onDirtyChange }: { plan: PlanDetail; editable: boolean; onDirtyChange: (dirty: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const typeName = useDocumentTypeName();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const saved = useMemo(
    () => ({
      documentType: plan.documentType,
      number: plan.number ?? '',
      code: plan.code ?? '',
      issueDate: plan.issueDate,
      signer: plan.signer ?? '',
      title: plan.title,
      purposeText: plan.purposeText ?? '',
      yearFrom: plan.yearFrom,
      yearTo: plan.yearTo,
    }),
    [plan.documentType, plan.number, plan.code, plan.issueDate, plan.signer, plan.title, plan.purposeText, plan.yearFrom, plan.yearTo],
  );
  const signature = JSON.stringify(saved);
  const [dirty, setDirty] = useSectionDirty(signature, onDirtyChange);
  // The saved heading changed (after a save here): the form shows it; edits to other sections leave it alone.
  useEffect(() => {
    if (editable) form.resetFields();
  }, [signature, editable, form]);

  const save = usePlanChange((v: Values) =>
    plansApi.update(plan.id, {
      documentType: v.documentType.trim(),
      number: blankToNull(v.number),
      code: blankToNull(v.code),
      issueDate: toIsoDate(v.issueDate) ?? null,
      signer: blankToNull(v.signer),
      title: v.title.trim(),
      purposeText: blankToNull(v.purposeText),
      yearFrom: v.yearFrom ?? null,
      yearTo: v.yearTo ?? null,
    }),
  );
  const movementYears = { from: plan.movementStartYear, to: plan.movementEndYear };

  if (!editable) {
    return (
      <Card title={t('plans.header.card')} style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'type', label: t('plans.header.documentType'), children: typeName(plan.documentType) },
            { key: 'number', label: t('plans.header.numberCode'), children: documentNumber(plan) || '—' },
            { key: 'date', label: t('plans.header.issueDate'), children: formatDate(plan.issueDate) || '—' },
            { key: 'signer', label: t('plans.header.signer'), children: plan.signer ?? '—' },
            { key: 'years', label: t('plans.header.years'), children: <PlanYears plan={plan} /> },
            { key: 'title', label: t('plans.header.title'), span: { xs: 1, md: 2 }, children: plan.title },
            {
              key: 'purpose',
              label: t('plans.header.purposeText'),
              span: { xs: 1, md: 2 },
              children: <div style={{ whiteSpace: 'pre-wrap' }}>{plan.purposeText ?? '—'}</div>,
            },
          ]}
        />
      </Card>
    );
  }

  return (
    <Card title={t('plans.header.card')} style={{ marginBottom: 16 }}>
      {formError.alert}
      <Form<Values>
        name="planHeaderForm"
        form={form}
        layout="vertical"
        initialValues={{ ...saved, issueDate: fromIsoDate(saved.issueDate) }}
        onValuesChange={() => setDirty(true)}
        onFinish={(v) => {
          formError.clear();
          save.mutate(v, {
            onSuccess: () => {
              setDirty(false);
              void message.success(t('plans.header.saved'));
            },
            onError: (e) => formError.report(e),
          });
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={8} md={6}>
            <Form.Item
              label={t('plans.header.documentType')}
              name="documentType"
              rules={[
                { required: true, whitespace: true, message: t('plans.header.documentTypeRequired') },
                { pattern: /^\p{Lu}{1,10}$/u, message: t('plans.header.documentTypeInvalid') },
              ]}
            >
              <DocumentTypeSelect />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8} md={6}>
            <Form.Item
              label={t('plans.header.number')}
              name="number"
              rules={[{ max: 50 }, { validator: async (_, v?: string) => (!v?.trim() || isDocumentNumber(v) ? undefined : Promise.reject(new Error(t('plans.header.numberOnly')))) }]}
            >
              <Input autoComplete="off" placeholder="6344" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8} md={6}>
            <Form.Item label={t('plans.header.code')} name="code" rules={[{ max: 50 }]}>
              <Input autoComplete="off" placeholder="KH-UBND" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item label={t('plans.header.issueDate')} name="issueDate">
              <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('plans.header.signer')} name="signer" rules={[{ max: 300 }]}>
              <Input autoComplete="off" placeholder={t('plans.header.signerPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('plans.header.years')} extra={t('plans.header.yearsHelp', movementYears)}>
              <Flex gap={8} align="center" wrap>
                <span>{t('plans.header.yearFrom')}</span>
                <Form.Item name="yearFrom" style={{ marginBottom: 0 }} rules={[numberRule(yearBounds(), t('plans.header.yearFrom'), i18n.language)]}>
                  <NumberInput aria-label={t('plans.header.yearFrom')} placeholder={String(movementYears.from)} style={{ width: 110 }} />
                </Form.Item>
                <span>{t('plans.header.yearTo')}</span>
                <Form.Item name="yearTo" style={{ marginBottom: 0 }} rules={[numberRule(yearBounds(), t('plans.header.yearTo'), i18n.language)]}>
                  <NumberInput aria-label={t('plans.header.yearTo')} placeholder={String(movementYears.to)} style={{ width: 110 }} />
                </Form.Item>
              </Flex>
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('plans.header.title')} name="title" rules={[{ required: true, whitespace: true, message: t('plans.header.titleRequired') }, { max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('plans.header.purposeText')} name="purposeText">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} placeholder={t('plans.header.purposePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!dirty}>
            {t('plans.header.save')}
          </Button>
          <Button
            disabled={!dirty}
            onClick={() => {
              form.resetFields();
              formError.clear();
              setDirty(false);
            }}
          >
            {t('plans.detail.discard')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
