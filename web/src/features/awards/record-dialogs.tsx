import {
  awards,
  commendationKindLabels,
  commendationKinds,
  initiativeLevelLabels,
  initiativeLevels,
  ratingLabels,
  ratings,
  type AwardCode,
  type CommendationKind,
  type InitiativeLevel,
  type PersonRecord,
  type Rating,
} from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { App as AntdApp, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { appToday } from '../../app/clock';
import { capitalise, DATE_FORMAT, toIsoDate } from '../../app/format';
import { useDialogForm } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { NumberInput, numberRule, type TypedNumber, yearBounds } from '../../app/number-input';
import { awardsApi } from './awards-api';

/** Which dialog of the record is open, with what it starts from. */
export type RecordDialog =
  | { kind: 'rating'; year?: number; rating?: Rating | null }
  | { kind: 'award' }
  | { kind: 'initiative' }
  | { kind: 'revoke'; entry: 'award' | 'initiative'; id: number; what: string };

interface Values {
  year?: TypedNumber;
  rating?: Rating | 'none';
  awardCode?: AwardCode;
  kind?: CommendationKind;
  decisionNumber?: string;
  decidedOn?: Dayjs | null;
  title?: string;
  level?: InitiativeLevel;
  reason?: string;
}

/** The dialogs that write the record: a year's rating, a title or award, an initiative, a revocation. */
export function RecordDialogs({ personId, dialog, onClose, onChanged }: { personId: number; dialog: RecordDialog | null; onClose: () => void; onChanged: (r: PersonRecord) => void }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { message } = AntdApp.useApp();
  const thisYear = Number(appToday().slice(0, 4));
  const { form, formError } = useDialogForm<Values>(dialog, () =>
    dialog?.kind === 'rating' ? { year: dialog.year ?? thisYear, rating: dialog.rating ?? undefined } : { year: thisYear, kind: 'cong_trang' },
  );

  const save = useMutation({
    mutationFn: (v: Values): Promise<PersonRecord> => {
      const year = v.year as number;
      switch (dialog!.kind) {
        case 'rating':
          return awardsApi.setRating(personId, year, v.rating === 'none' || !v.rating ? null : v.rating);
        case 'award':
          return awardsApi.grant(personId, { year, awardCode: v.awardCode!, kind: v.kind, decisionNumber: v.decisionNumber ?? null, decidedOn: toIsoDate(v.decidedOn) ?? null });
        case 'initiative':
          return awardsApi.addInitiative(personId, { year, title: v.title ?? '', level: v.level!, decisionNumber: v.decisionNumber ?? null });
        case 'revoke':
          return dialog!.entry === 'award' ? awardsApi.revokeGranted(dialog!.id, v.reason ?? '') : awardsApi.revokeInitiative(dialog!.id, v.reason ?? '');
      }
    },
    onSuccess: (r, v) => {
      void message.success(dialog?.kind === 'rating' ? t('awards.record.ratingSaved', { year: v.year }) : t('awards.record.saved'));
      onChanged(r);
      onClose();
    },
    onError: (e) => formError.report(e),
  });

  if (!dialog) return null;
  const yearRule = numberRule(yearBounds(1990, thisYear), t('awards.record.yearLabel'), i18n.language);
  const yearField = (
    <Form.Item label={t('awards.record.yearLabel')} name="year" rules={[{ required: true, message: t('awards.record.yearRequired') }, yearRule]}>
      <NumberInput style={{ width: '100%' }} />
    </Form.Item>
  );
  const title = {
    rating: t('awards.record.setRating'),
    award: t('awards.record.addAward'),
    initiative: t('awards.record.addInitiative'),
    revoke: t('awards.record.revokeTitle'),
  }[dialog.kind];

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={dialog.kind === 'revoke' ? t('awards.record.revoke') : t('common.save')}
      okButtonProps={{ danger: dialog.kind === 'revoke', loading: save.isPending }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {formError.alert}
      <Form<Values> form={form} layout="vertical" name={`record-${dialog.kind}`} onFinish={(v) => save.mutate(v)}>
        {dialog.kind === 'rating' && (
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              {yearField}
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item label={t('awards.record.rating')} name="rating" rules={[{ required: true, message: t('awards.record.ratingRequired') }]}>
                <Select
                  options={[
                    ...[...ratings].reverse().map((r) => ({ value: r, label: capitalise(label(ratingLabels[r])) })),
                    ...(dialog.rating ? [{ value: 'none', label: t('awards.record.clearRating') }] : []),
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        {dialog.kind === 'award' && (
          <>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                {yearField}
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item label={t('awards.record.award')} name="awardCode" rules={[{ required: true, message: t('awards.record.awardRequired') }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={awards.filter((a) => (a.subjects as readonly string[]).includes('individual')).map((a) => ({ value: a.code, label: label(a) }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label={t('awards.record.kind')} name="kind" extra={t('awards.record.kindHelp')}>
              <Select options={commendationKinds.map((k) => ({ value: k, label: label(commendationKindLabels[k]) }))} />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item label={t('awards.record.decisionNumber')} name="decisionNumber" rules={[{ max: 100 }]}>
                  <Input autoComplete="off" placeholder="1234/QĐ-UBND" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item label={t('awards.record.decidedOn')} name="decidedOn">
                  <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder={t('common.datePlaceholder')} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        {dialog.kind === 'initiative' && (
          <>
            <Form.Item label={t('awards.record.initiativeTitle')} name="title" rules={[{ required: true, whitespace: true, message: t('awards.record.initiativeTitleRequired') }, { max: 500 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                {yearField}
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item label={t('awards.record.level')} name="level" rules={[{ required: true, message: t('awards.record.levelRequired') }]}>
                  <Select options={initiativeLevels.map((l) => ({ value: l, label: capitalise(label(initiativeLevelLabels[l])) }))} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label={t('awards.record.decisionNumber')} name="decisionNumber" rules={[{ max: 100 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </>
        )}
        {dialog.kind === 'revoke' && (
          <>
            <p style={{ marginTop: 0 }}>
              <strong>{dialog.what}</strong>
            </p>
            <p style={{ color: 'rgba(0,0,0,0.65)' }}>{t('awards.record.revokeText')}</p>
            <Form.Item label={t('awards.record.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('awards.record.reasonRequired') }, { max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

