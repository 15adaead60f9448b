import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { milestoneKinds, type MilestoneKind, type PlanDetail } from '@thidua/contracts';
import { App as AntdApp, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, formatDate, fromIsoDate, toIsoDate } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { plansApi, usePlanChange } from './plans-api';
import { SectionActions } from './section-actions';
import { useSectionDirty } from './use-section-dirty';
import { appYear } from '../../app/clock';
import { NumberInput, numberRule, yearBounds } from '../../app/number-input';

interface Item {
  year: number;
  date: Dayjs | null;
  kind: MilestoneKind;
  label: string;
}

/** The movement's milestones in this plan: launch, sơ kết, tổng kết… each with its year and, if fixed, its date. */
export function MilestonesCard({ plan, editable, onDirtyChange }: { plan: PlanDetail; editable: boolean; onDirtyChange: (dirty: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<{ milestones: Item[] }>();
  const saved = useMemo(() => plan.milestones.map((m) => ({ year: m.year, date: m.date, kind: m.kind, label: m.label })), [plan.milestones]);
  const signature = JSON.stringify(saved);
  const [dirty, setDirty] = useSectionDirty(signature, onDirtyChange);
  useEffect(() => {
    if (editable) form.resetFields();
  }, [signature, editable, form]);

  const save = usePlanChange((items: Item[]) =>
    plansApi.update(plan.id, { milestones: items.map((m) => ({ year: m.year, date: toIsoDate(m.date) ?? null, kind: m.kind, label: m.label.trim() })) }),
  );

  if (!editable) {
    return (
      <Card title={t('plans.milestones.card')} style={{ marginBottom: 16 }}>
        {plan.milestones.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.milestones.empty')} />
        ) : (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {plan.milestones.map((m) => (
              <li key={m.id}>
                <strong>{m.date ? formatDate(m.date) : m.year}</strong> — {t(`plans.milestoneKinds.${m.kind}`)}: {m.label}
              </li>
            ))}
          </ul>
        )}
      </Card>
    );
  }

  return (
    <Card title={t('plans.milestones.card')} style={{ marginBottom: 16 }}>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Form
        name="milestonesForm"
        form={form}
        layout="vertical"
        initialValues={{ milestones: saved.map((m) => ({ ...m, date: fromIsoDate(m.date) })) }}
        onValuesChange={() => setDirty(true)}
        onFinish={(v) => {
          save.mutate(v.milestones ?? [], {
            onSuccess: () => {
              setDirty(false);
              void message.success(t('plans.milestones.saved'));
            },
          });
        }}
      >
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="bottom" style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 8 }}>
                  <Col xs={8} sm={5}>
                    <Form.Item
                      label={t('plans.milestones.year')}
                      name={[f.name, 'year']}
                      rules={[{ required: true, message: t('plans.milestones.yearRequired') }, numberRule(yearBounds(), t('plans.milestones.year'), i18n.language)]}
                    >
                      <NumberInput aria-label={t('plans.milestones.yearOf', { n: i + 1 })} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={16} sm={8}>
                    <Form.Item label={t('plans.milestones.date')} name={[f.name, 'date']}>
                      <DatePicker aria-label={t('plans.milestones.dateOf', { n: i + 1 })} format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={9}>
                    <Form.Item label={t('plans.milestones.kind')} name={[f.name, 'kind']} rules={[{ required: true }]}>
                      <Select aria-label={t('plans.milestones.kindOf', { n: i + 1 })} options={milestoneKinds.map((k) => ({ value: k, label: t(`plans.milestoneKinds.${k}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2}>
                    <Form.Item>
                      <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('plans.milestones.remove', { n: i + 1 })} onClick={() => remove(f.name)} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item
                      label={t('plans.milestones.label')}
                      name={[f.name, 'label']}
                      rules={[{ required: true, whitespace: true, message: t('plans.milestones.labelRequired') }, { max: 2000 }]}
                    >
                      <Input.TextArea aria-label={t('plans.milestones.labelOf', { n: i + 1 })} autoSize={{ minRows: 1, maxRows: 4 }} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ year: appYear(), date: null, kind: 'other', label: '' })}>
                {t('plans.milestones.add')}
              </Button>
            </>
          )}
        </Form.List>
        <SectionActions
          dirty={dirty}
          saving={save.isPending}
          saveLabel={t('plans.milestones.save')}
          onDiscard={() => {
            form.resetFields();
            save.reset();
            setDirty(false);
          }}
        />
      </Form>
    </Card>
  );
}
