import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { deadlinePeriods, type DeadlinePeriod, type PlanDetail } from '@thidua/contracts';
import { App as AntdApp, Button, Card, Col, Empty, Form, Input, Row, Select } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
import { UnitPicker } from '../org/unit-picker';
import { plansApi, usePlanChange } from './plans-api';
import { SectionActions } from './section-actions';
import { useSectionDirty } from './use-section-dirty';
import { NumberInput, numberRule } from '../../app/number-input';

interface Item {
  day: number;
  month: number;
  year: number | null;
  period: DeadlinePeriod;
  recipientText: string | null;
  recipientUnitId: number | null;
  text: string;
}

// 29 for February: a yearly deadline must exist in leap years too.
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const dayMonth = (d: { day: number; month: number; year: number | null }) =>
  `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}${d.year ? `/${d.year}` : ''}`;

/** Reporting deadlines (hạn báo cáo): day/month, how often, to whom — e.g. the yearly report by 30/11. */
export function DeadlinesCard({ plan, editable, onDirtyChange }: { plan: PlanDetail; editable: boolean; onDirtyChange: (dirty: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const whole = (min: number, max: number, label: string) => numberRule({ min, max, decimals: 0 }, label, i18n.language);
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<{ deadlines: Item[] }>();
  const saved = useMemo<Item[]>(
    () =>
      plan.deadlines.map((d) => ({
        day: d.day,
        month: d.month,
        year: d.year,
        period: d.period,
        recipientText: d.recipientText,
        recipientUnitId: d.recipientUnitId,
        text: d.text,
      })),
    [plan.deadlines],
  );
  const signature = JSON.stringify(saved);
  const [dirty, setDirty] = useSectionDirty(signature, onDirtyChange);
  useEffect(() => {
    if (editable) form.resetFields();
  }, [signature, editable, form]);

  const save = usePlanChange((items: Item[]) =>
    plansApi.update(plan.id, {
      deadlines: items.map((d) => ({
        day: d.day,
        month: d.month,
        year: d.year ?? null,
        period: d.period,
        recipientText: d.recipientText?.trim() || null,
        recipientUnitId: d.recipientUnitId ?? null,
        // The text is what a reader sees; when left blank, say it plainly from the fields.
        text: d.text?.trim() || t('plans.deadlines.defaultText', { period: t(`plans.deadlinePeriods.${d.period}`), date: dayMonth(d) }),
      })),
    }),
  );

  if (!editable) {
    return (
      <Card title={t('plans.deadlines.card')} style={{ marginBottom: 16 }}>
        {plan.deadlines.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.deadlines.empty')} />
        ) : (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {plan.deadlines.map((d) => (
              <li key={d.id}>
                <strong>{dayMonth(d)}</strong> ({t(`plans.deadlinePeriods.${d.period}`)}) — {d.text}
                {d.recipientText ? ` ${t('plans.deadlines.to', { recipient: d.recipientText })}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Card>
    );
  }

  return (
    <Card title={t('plans.deadlines.card')} style={{ marginBottom: 16 }}>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Form
        name="deadlinesForm"
        form={form}
        layout="vertical"
        initialValues={{ deadlines: saved }}
        onValuesChange={() => setDirty(true)}
        onFinish={(v) =>
          save.mutate(v.deadlines ?? [], {
            onSuccess: () => {
              setDirty(false);
              void message.success(t('plans.deadlines.saved'));
            },
          })
        }
      >
        <Form.List name="deadlines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 8 }}>
                  <Col xs={8} sm={4} md={3}>
                    <Form.Item label={t('plans.deadlines.day')} name={[f.name, 'day']} rules={[{ required: true, message: t('plans.deadlines.dayRequired') }, whole(1, 31, t('plans.deadlines.day'))]}>
                      <NumberInput aria-label={t('plans.deadlines.dayOf', { n: i + 1 })} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={4} md={3}>
                    <Form.Item
                      label={t('plans.deadlines.month')}
                      name={[f.name, 'month']}
                      dependencies={[['deadlines', f.name, 'day']]}
                      rules={[
                        { required: true, message: t('plans.deadlines.monthRequired') },
                        whole(1, 12, t('plans.deadlines.month')),
                        ({ getFieldValue }) => ({
                          validator: (_, month: unknown) => {
                            const day: unknown = getFieldValue(['deadlines', f.name, 'day']);
                            if (typeof month !== 'number' || typeof day !== 'number' || month < 1 || month > 12 || day <= DAYS_IN_MONTH[month - 1]!) return Promise.resolve();
                            return Promise.reject(new Error(t('plans.deadlines.noSuchDay', { day, month })));
                          },
                        }),
                      ]}
                    >
                      <NumberInput aria-label={t('plans.deadlines.monthOf', { n: i + 1 })} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={4} md={3}>
                    <Form.Item label={t('plans.deadlines.year')} name={[f.name, 'year']} rules={[whole(1990, 2100, t('plans.deadlines.year'))]}>
                      <NumberInput aria-label={t('plans.deadlines.yearOf', { n: i + 1 })} placeholder={t('plans.deadlines.everyYear')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={5}>
                    <Form.Item label={t('plans.deadlines.period')} name={[f.name, 'period']} rules={[{ required: true }]}>
                      <Select aria-label={t('plans.deadlines.periodOf', { n: i + 1 })} options={deadlinePeriods.map((p) => ({ value: p, label: t(`plans.deadlinePeriods.${p}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={10}>
                    <Form.Item label={t('plans.deadlines.recipient')} name={[f.name, 'recipientText']} rules={[{ max: 1000 }]}>
                      <Input aria-label={t('plans.deadlines.recipientOf', { n: i + 1 })} placeholder={t('plans.deadlines.recipientPlaceholder')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item label={t('plans.deadlines.recipientUnit')} name={[f.name, 'recipientUnitId']}>
                      <UnitPicker aria-label={t('plans.deadlines.recipientUnitOf', { n: i + 1 })} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={10} md={15}>
                    <Form.Item label={t('plans.deadlines.text')} name={[f.name, 'text']} rules={[{ max: 4000 }]}>
                      <Input.TextArea aria-label={t('plans.deadlines.textOf', { n: i + 1 })} autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('plans.deadlines.textPlaceholder')} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} md={1}>
                    <Form.Item label=" ">
                      <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('plans.deadlines.remove', { n: i + 1 })} onClick={() => remove(f.name)} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ day: 30, month: 11, year: null, period: 'year', recipientText: null, recipientUnitId: null, text: '' })}
              >
                {t('plans.deadlines.add')}
              </Button>
            </>
          )}
        </Form.List>
        <SectionActions
          dirty={dirty}
          saving={save.isPending}
          saveLabel={t('plans.deadlines.save')}
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
