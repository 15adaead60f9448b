import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { reportPeriodKindLabels, reportPeriodKinds, type ReportPeriodKind, type ReportTemplateView } from '@thidua/contracts';
import { App as AntdApp, Button, Card, Empty, Flex, Form, Input, List, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../app/api';
import { formatDate } from '../../app/format';
import { ErrorAlert, useFormError } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { can, useMe } from '../../app/session';
import { fold } from '../plans/plan-format';
import { usePlans } from '../plans/plans-api';
import { labelStyle } from './report-pickers';
import { reportPaths } from './report-paths';
import { useReportTemplates } from './reports-api';
import { KEY_PATTERN } from './template-form';
import { templatesApi, useTemplateChange, useTemplatesFromPlan } from './templates-api';

interface CreateValues {
  copyFromTemplateId: number;
  code: string;
  name?: string;
  periodKind: ReportPeriodKind;
}

/** A template of the plan, made from a copy of another one (the system's six-month or yearly, or the plan's own). */
function CreateTemplateModal({ planId, bases, open, onClose }: { planId: number; bases: ReportTemplateView[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const formError = useFormError(form);
  const create = useTemplateChange((v: CreateValues) => {
    const name = v.name?.trim();
    return templatesApi.create({ planId, code: v.code.trim(), periodKind: v.periodKind, copyFromTemplateId: v.copyFromTemplateId, ...(name ? { name } : {}) });
  });
  const first = bases.find((b) => b.planId === null && b.periodKind === 'six_months') ?? bases[0];

  return (
    <Modal
      open={open}
      title={t('reports.templates.createTitle')}
      okText={t('reports.templates.createOk')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {formError.alert}
      <Form<CreateValues>
        form={form}
        name="createTemplateForm"
        layout="vertical"
        initialValues={{ copyFromTemplateId: first?.id, periodKind: first?.periodKind ?? 'six_months' }}
        onValuesChange={(changed: Partial<CreateValues>) => {
          // A new base brings its own period, which can still be changed before creating.
          const base = changed.copyFromTemplateId ? bases.find((b) => b.id === changed.copyFromTemplateId) : undefined;
          if (base) form.setFieldValue('periodKind', base.periodKind);
        }}
        onFinish={(v) => {
          formError.clear();
          create.mutate(v, {
            onSuccess: (tpl) => {
              onClose();
              void navigate(reportPaths.template(tpl.id));
            },
            onError: (e) => formError.report(e),
          });
        }}
      >
        <Form.Item label={t('reports.templates.copyFrom')} name="copyFromTemplateId" extra={t('reports.templates.copyFromHelp')} rules={[{ required: true }]}>
          <Select options={bases.map((b) => ({ value: b.id, label: b.planId === null ? `${b.name} (${t('reports.templates.ofSystem')})` : b.name }))} />
        </Form.Item>
        <Form.Item
          label={t('reports.templates.code')}
          name="code"
          extra={t('reports.templates.codeHelp')}
          rules={[
            { required: true, whitespace: true, message: t('reports.templates.codeRequired') },
            { pattern: KEY_PATTERN, message: t('reports.templates.keyPattern') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('reports.templates.name')} name="name" extra={t('reports.templates.nameHelp')} rules={[{ max: 300 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('reports.templates.periodKind')} name="periodKind" extra={t('reports.templates.periodKindHelp')} rules={[{ required: true }]}>
          <Select options={reportPeriodKinds.map((k) => ({ value: k, label: label(reportPeriodKindLabels[k]) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TemplateList({ items, empty }: { items: ReportTemplateView[]; empty: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <List
      itemLayout="vertical"
      dataSource={items}
      renderItem={(tpl) => {
        const due = tpl.dueDate ? formatDate(tpl.dueDate) : t('reports.templates.dueDayMonth', { day: tpl.dueDay, month: tpl.dueMonth });
        const editable = tpl.allowed.includes('edit');
        return (
          <List.Item
            key={tpl.id}
            actions={[
              <Link key="open" to={reportPaths.template(tpl.id)} aria-label={`${t(editable ? 'reports.templates.edit' : 'reports.templates.view')}: ${tpl.name}`}>
                {t(editable ? 'reports.templates.edit' : 'reports.templates.view')}
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={<Link to={reportPaths.template(tpl.id)}>{tpl.name}</Link>}
              description={
                <>
                  <Tag>{label(reportPeriodKindLabels[tpl.periodKind])}</Tag>
                  {!tpl.isActive && <Tag color="default">{t('reports.templates.inactive')}</Tag>}
                  {t('reports.templates.due', { due })}
                </>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}

/** /bao-cao/mau — a plan's report templates (?kh=) and the system's, and a new template for the plan. */
export default function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const planId = Number(params.get('kh')) || undefined;
  const plans = usePlans({});
  const system = useReportTemplates();
  const ofPlan = useReportTemplates({ planId });
  const [creating, setCreating] = useState(false);
  const fromPlan = useTemplatesFromPlan();
  const { message } = AntdApp.useApp();
  const planItems = planId ? (ofPlan.data?.items ?? []) : [];
  const systemItems = system.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('reports.templates.title')}
        subtitle={<Link to={reportPaths.list}>{t('reports.templates.back')}</Link>}
        extra={
          planId && can(me, 'plan.write') ? (
            <Flex gap={8} wrap>
              <Button
                icon={<CalendarOutlined aria-hidden />}
                loading={fromPlan.isPending}
                onClick={() =>
                  fromPlan.mutate(planId, {
                    onSuccess: (r) => void message.success(t('reports.templates.fromPlanDone', { created: r.created.length, existing: r.existing })),
                    onError: (e) => void message.error(errorText(e, i18n.language)),
                  })
                }
              >
                {t('reports.templates.fromPlan')}
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('reports.templates.create')}
              </Button>
            </Flex>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <label htmlFor="template-plan" style={labelStyle}>
          {t('reports.templates.plan')}
        </label>
        <Select<number>
          id="template-plan"
          aria-label={t('reports.templates.plan')}
          allowClear
          placeholder={t('reports.templates.planPlaceholder')}
          loading={plans.isLoading}
          value={planId}
          onChange={(v) => setParams(v ? { kh: String(v) } : {}, { replace: true })}
          showSearch={{ filterOption: (input, option) => fold(String(option?.label ?? '')).includes(fold(input)) }}
          style={{ width: '100%' }}
          options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.title} — ${p.unitName}` }))}
        />
      </Card>
      {ofPlan.error ? <ErrorAlert error={ofPlan.error} /> : null}
      <Card title={t('reports.templates.ofPlan')} style={{ marginBottom: 16 }} loading={!!planId && ofPlan.isLoading}>
        <TemplateList items={planItems} empty={planId ? t('reports.templates.none') : t('reports.templates.pickPlan')} />
      </Card>
      <Card title={t('reports.templates.ofSystem')} loading={system.isLoading}>
        <TemplateList items={systemItems} empty={t('reports.pick.noTemplate')} />
      </Card>
      {planId && <CreateTemplateModal planId={planId} bases={[...systemItems, ...planItems]} open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
