import { disciplineFormLabels, disciplineForms, type AssessmentDetail, type DisciplineForm, type DisciplineView } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { App as AntdApp, Button, Card, Col, DatePicker, Form, Input, List, Modal, Row, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, formatDate, toIsoDate } from '../../app/format';
import { ErrorAlert, useFormError } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { tagColors } from '../../app/theme';
import { assessmentsApi } from './assessments-api';

interface Values {
  form: DisciplineForm;
  decidedOn: Dayjs;
  decisionNumber?: string;
  reason: string;
}

/**
 * Discipline (kỷ luật) of the assessed person decided in the sheet's year, and, for those holding
 * discipline.write, a form to record one (form, date dd/mm/yyyy, decision number, reason).
 */
export function DisciplineSection({ a, onChanged }: { a: AssessmentDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<DisciplineView | null>(null);
  const [revokeReason, setRevokeReason] = useState('');
  const canWrite = a.allowed.includes('discipline');

  const record = useMutation({
    mutationFn: (v: Values) =>
      assessmentsApi.recordDiscipline({ personId: a.personId!, form: v.form, decidedOn: toIsoDate(v.decidedOn)!, decisionNumber: v.decisionNumber?.trim() || null, reason: v.reason }),
    onSuccess: () => {
      void message.success(t('assessments.discipline.saved'));
      form.resetFields();
      formError.clear();
      setAdding(false);
      onChanged();
    },
    onError: (e) => formError.report(e),
  });
  const revoke = useMutation({
    mutationFn: () => assessmentsApi.revokeDiscipline(revoking!.id, revokeReason),
    onSuccess: () => {
      setRevoking(null);
      setRevokeReason('');
      onChanged();
    },
  });

  if (a.personId === null || (!canWrite && a.disciplines.length === 0)) return null;

  return (
    <Card size="small" title={t('assessments.discipline.title')} style={{ marginTop: 16 }} extra={canWrite && !adding ? <Button onClick={() => setAdding(true)}>{t('assessments.discipline.add')}</Button> : null}>
      <p style={{ marginTop: 0, color: 'rgba(0,0,0,0.65)' }}>{t('assessments.discipline.capNote')}</p>
      <List<DisciplineView>
        dataSource={a.disciplines}
        locale={{ emptyText: t('assessments.discipline.none', { year: a.year }) }}
        renderItem={(d) => (
          <List.Item
            actions={
              d.allowed.includes('revoke')
                ? [
                    <Button key="revoke" size="small" onClick={() => setRevoking(d)}>
                      {t('assessments.discipline.revoke')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <>
                  <Tag color={d.revokedAt ? tagColors.dissolved : tagColors.danger}>{label(disciplineFormLabels[d.form])}</Tag>
                  {formatDate(d.decidedOn)}
                  {d.decisionNumber ? ` — ${d.decisionNumber}` : ''}
                </>
              }
              description={
                <>
                  {d.reason}
                  {d.revokedAt && <div>{t('assessments.discipline.revoked', { reason: d.revokedReason ?? '' })}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
      {adding && (
        <>
          {formError.alert}
          <Form<Values> form={form} layout="vertical" name="recordDiscipline" onFinish={(v) => record.mutate(v)}>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item label={t('assessments.discipline.form')} name="form" rules={[{ required: true, message: t('assessments.discipline.formRequired') }]}>
                  <Select<DisciplineForm> options={disciplineForms.map((f) => ({ value: f, label: label(disciplineFormLabels[f]) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('assessments.discipline.decidedOn')} name="decidedOn" rules={[{ required: true, message: t('common.dateRequired') }]}>
                  <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder={t('common.datePlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('assessments.discipline.decisionNumber')} name="decisionNumber" rules={[{ max: 100 }]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label={t('assessments.discipline.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('assessments.discipline.reasonRequired') }, { max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
            <Button onClick={() => setAdding(false)} style={{ marginRight: 8 }}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" htmlType="submit" loading={record.isPending}>
              {t('assessments.discipline.add')}
            </Button>
          </Form>
        </>
      )}
      <Modal
        open={revoking !== null}
        title={t('assessments.discipline.revokeTitle')}
        okText={t('assessments.discipline.revoke')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: revokeReason.trim() === '' }}
        confirmLoading={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onOk={() => revoke.mutate()}
      >
        <label htmlFor="revoke-reason" style={{ display: 'block', marginBottom: 4 }}>
          {t('assessments.discipline.revokeReason')}
        </label>
        {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
        <Input.TextArea id="revoke-reason" value={revokeReason} onChange={(e) => setRevokeReason(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Modal>
    </Card>
  );
}
