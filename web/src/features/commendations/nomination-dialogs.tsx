import { awardsGrantedBy, type AwardCode, type NominationView, type RoundView } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { App as AntdApp, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { appToday } from '../../app/clock';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../app/format';
import { useDialogForm } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { NumberInput, numberRule, type TypedNumber } from '../../app/number-input';
import { roundsApi } from './commendations-api';

/** Which dialog of the round is open. */
export type NominationDialog =
  | { kind: 'award'; nomination: NominationView }
  | { kind: 'exclude'; nomination: NominationView }
  | { kind: 'restore'; nomination: NominationView }
  | { kind: 'decide'; count: number };

/** What a unit's head grants to a person: the titles and forms of the unit's authority. */
const unitAwards = awardsGrantedBy('unit_head', 'individual');

interface Values {
  awardCode?: AwardCode;
  reason?: string;
  number?: TypedNumber;
  signedOn?: Dayjs | null;
  signerName?: string;
  signerTitle?: string;
}

/** The council's changes to a nominee, and the head's decision. */
export function NominationDialogs({ round, dialog, onClose, onChanged }: { round: RoundView; dialog: NominationDialog | null; onClose: () => void; onChanged: (r: RoundView) => void }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { message } = AntdApp.useApp();
  const { form, formError } = useDialogForm<Values>(dialog, () => {
    if (dialog?.kind === 'award') return { awardCode: dialog.nomination.awardCode ?? undefined };
    if (dialog?.kind === 'decide') return { signedOn: fromIsoDate(appToday()), signerName: round.signer?.name || undefined, signerTitle: round.signer?.title || undefined };
    return undefined;
  });

  const save = useMutation({
    mutationFn: (v: Values): Promise<RoundView> => {
      const d = dialog!;
      switch (d.kind) {
        case 'award':
          return roundsApi.adjust(round.id, d.nomination.id, { action: 'award', awardCode: v.awardCode! });
        case 'exclude':
          return roundsApi.adjust(round.id, d.nomination.id, { action: 'exclude', reason: v.reason ?? '' });
        case 'restore':
          return roundsApi.adjust(round.id, d.nomination.id, { action: 'restore' });
        case 'decide':
          return roundsApi.decide(round.id, { number: v.number as number, signedOn: toIsoDate(v.signedOn) ?? '', signerName: v.signerName ?? '', signerTitle: v.signerTitle ?? null });
      }
    },
    onSuccess: (r) => {
      void message.success(dialog?.kind === 'decide' ? t('commendations.round.decided') : t('commendations.round.changed'));
      onChanged(r);
      onClose();
    },
    onError: (e) => formError.report(e),
  });

  if (!dialog) return null;
  const name = dialog.kind === 'decide' ? '' : dialog.nomination.name;
  const title = {
    award: t('commendations.round.awardTitle', { name }),
    exclude: t('commendations.round.excludeTitle', { name }),
    restore: t('commendations.round.restore'),
    decide: t('commendations.round.decideTitle'),
  }[dialog.kind];

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={dialog.kind === 'decide' ? t('commendations.round.decide') : dialog.kind === 'exclude' ? t('commendations.round.exclude') : t('common.save')}
      okButtonProps={{ danger: dialog.kind === 'exclude', loading: save.isPending }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {formError.alert}
      <Form<Values> form={form} layout="vertical" name={`round-${dialog.kind}`} onFinish={(v) => save.mutate(v)}>
        {dialog.kind === 'award' && (
          <Form.Item label={t('commendations.round.award')} name="awardCode" extra={t('commendations.round.awardHelp')} rules={[{ required: true, message: t('commendations.round.awardRequired') }]}>
            <Select options={unitAwards.map((a) => ({ value: a.code, label: label(a) }))} />
          </Form.Item>
        )}
        {dialog.kind === 'exclude' && (
          <Form.Item label={t('commendations.round.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('commendations.round.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        )}
        {dialog.kind === 'restore' && <Typography.Paragraph>{name}</Typography.Paragraph>}
        {dialog.kind === 'decide' && (
          <>
            <Typography.Paragraph>{t('commendations.round.decideText', { count: dialog.count })}</Typography.Paragraph>
            <Form.Item
              label={t('commendations.round.number')}
              name="number"
              extra={t('commendations.round.numberHelp')}
              rules={[{ required: true, message: t('commendations.round.numberRequired') }, numberRule({ min: 1, max: 999_999, decimals: 0, show: (n) => String(n) }, t('commendations.round.number'), i18n.language)]}
            >
              <NumberInput style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={t('commendations.round.signedOn')} name="signedOn" rules={[{ required: true, message: t('commendations.round.signedOnRequired') }]}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={t('commendations.round.signerName')} name="signerName" rules={[{ required: true, whitespace: true, message: t('commendations.round.signerNameRequired') }]}>
              <Input maxLength={200} autoComplete="name" />
            </Form.Item>
            <Form.Item label={t('commendations.round.signerTitle')} name="signerTitle">
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} placeholder={t('commendations.round.signerTitlePlaceholder')} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
