import { EditOutlined, PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { assessmentStageLabels, type RegistrationView } from '@thidua/contracts';
import { Alert, App as AntdApp, Button, Card, Descriptions, Flex, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { useLabel } from '../../app/i18n';
import { tagColors } from '../../app/theme';
import { RegistrationForm } from './registration-form';
import { registrationDocumentUrl, registrationsApi, useRegistrationChange } from './registrations-api';

/** The status of a registration (or its absence) as a tag. */
export function RegistrationStatusTag({ registration }: { registration: RegistrationView | null }) {
  const { t } = useTranslation();
  if (!registration) return <Tag color={tagColors.neutral}>{t('registrations.status.none')}</Tag>;
  if (registration.status === 'withdrawn') return <Tag color={tagColors.merged}>{t('registrations.status.withdrawn')}</Tag>;
  return (
    <Tag color={tagColors.active}>
      {t('registrations.status.registered')}: {registration.titleName}
    </Tag>
  );
}

/**
 * One registration: title, commitments, who registered it and when, under which plan; with Sửa and
 * Rút đăng ký when `allowed` says so, and the printable form.
 */
export function RegistrationCard({ registration: r, title, extra }: { registration: RegistrationView; title?: ReactNode; extra?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { modal, message } = AntdApp.useApp();
  const [editing, setEditing] = useState(false);
  const update = useRegistrationChange((body: { titleCode: RegistrationView['titleCode']; commitments: string | null }) => registrationsApi.update(r.id, body));
  const withdraw = useRegistrationChange(() => registrationsApi.withdraw(r.id));

  const confirmWithdraw = () =>
    modal.confirm({
      title: t('registrations.card.withdrawTitle'),
      content: t('registrations.card.withdrawText'),
      okText: t('registrations.card.withdraw'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        withdraw.mutateAsync(undefined).then(
          () => void message.success(t('registrations.card.withdrawn')),
          (e: unknown) => void message.error(errorText(e, i18n.language)),
        ),
    });

  const locked = r.status === 'registered' && r.assessmentStage !== null && r.assessmentStage !== 'self';
  return (
    <Card
      size="small"
      title={title ?? t('registrations.card.heading', { year: r.year })}
      extra={<RegistrationStatusTag registration={r} />}
      // On a phone the heading wraps rather than hiding behind the status tag.
      styles={{ title: { whiteSpace: 'normal' } }}
      style={{ marginBottom: 16 }}
    >
      {editing ? (
        <RegistrationForm
          subject={r.subject}
          initial={{ titleCode: r.titleCode, commitments: r.commitments ?? undefined }}
          submitText={t('registrations.form.save')}
          onCancel={() => setEditing(false)}
          onSubmit={async (v) => {
            await update.mutateAsync({ titleCode: v.titleCode, commitments: v.commitments ?? null });
            setEditing(false);
            void message.success(t('registrations.form.saved'));
          }}
        />
      ) : (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'title', label: t('registrations.form.title'), children: r.titleName },
              {
                key: 'commitments',
                label: t('registrations.form.commitments'),
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.commitments ?? t('registrations.card.noCommitments')}</span>,
              },
              { key: 'plan', label: t('registrations.card.plan'), children: [r.planNumber, r.planTitle].filter(Boolean).join(' — ') },
              { key: 'at', label: t('registrations.card.registeredAt'), children: formatDateTime(r.registeredAt) },
              ...(r.registeredByName ? [{ key: 'by', label: t('registrations.card.registeredBy'), children: r.registeredByName }] : []),
            ]}
          />
          {locked && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 8 }}
              title={t('registrations.card.locked', { stage: label(assessmentStageLabels[r.assessmentStage!]) })}
            />
          )}
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            {r.allowed.includes('edit') && (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
                {t('registrations.card.edit')}
              </Button>
            )}
            {r.allowed.includes('withdraw') && (
              <Button danger icon={<RollbackOutlined aria-hidden />} loading={withdraw.isPending} onClick={confirmWithdraw}>
                {t('registrations.card.withdraw')}
              </Button>
            )}
            {r.status === 'registered' && (
              <Button icon={<PrinterOutlined aria-hidden />} href={registrationDocumentUrl(r.id)} download>
                {t('registrations.card.print')}
              </Button>
            )}
            {extra}
          </Flex>
        </>
      )}
    </Card>
  );
}
