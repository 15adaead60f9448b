import { Alert, App as AntdApp, Card, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
import { AppliedPlanCard } from './applied-plan-card';
import { MovementYearPicker } from './movement-year-picker';
import { RegistrationCard } from './registration-card';
import { RegistrationForm } from './registration-form';
import { registrationsApi, useMyRegistration, useRegistrationChange } from './registrations-api';
import { effectiveChoice, type Selection } from './selection';

/** "Đăng ký của tôi": a person registers themself for the plan that applies to their unit. */
export function MyRegistrationTab({ selection }: { selection: Selection }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  // First ask without a movement to learn which ones apply; then for the chosen movement and year.
  const options = useMyRegistration();
  const { movement, year } = effectiveChoice(options.data?.movements, selection.movementId, selection.year);
  const mine = useMyRegistration(movement?.id, year);
  const create = useRegistrationChange(registrationsApi.create);

  if (options.isLoading) return <Skeleton active />;
  if (options.error) return <ErrorAlert error={options.error} />;
  const person = options.data?.person;
  if (!person) return <Alert type="info" showIcon title={t('registrations.mine.noPerson')} />;

  const data = mine.data;
  const registration = data?.registration ?? null;
  const active = registration?.status === 'registered' ? registration : null;

  return (
    <>
      <Typography.Paragraph>
        <strong>{t('registrations.mine.youAre', { name: person.fullName, unit: person.unitName })}</strong>
      </Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <MovementYearPicker
          movements={options.data?.movements ?? []}
          movement={movement}
          year={year}
          onChange={(movementId, y) => selection.set({ movementId, year: y })}
        />
      </Row>
      {!movement ? (
        <Alert type="info" showIcon title={t('registrations.pick.noMovement')} />
      ) : mine.isLoading ? (
        <Skeleton active />
      ) : mine.error ? (
        <ErrorAlert error={mine.error} />
      ) : (
        <>
          <AppliedPlanCard plan={data?.plan} subject="individual" />
          {active ? (
            <RegistrationCard registration={active} />
          ) : data?.plan ? (
            <Card size="small" title={t('registrations.card.heading', { year })}>
              {registration?.status === 'withdrawn' && (
                <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('registrations.mine.wasWithdrawn', { year })} />
              )}
              <RegistrationForm
                subject="individual"
                submitText={t('registrations.form.register')}
                onSubmit={async (v) => {
                  await create.mutateAsync({ movementId: movement.id, year: year!, titleCode: v.titleCode, commitments: v.commitments ?? null });
                  void message.success(t('registrations.form.registered'));
                }}
              />
            </Card>
          ) : null}
        </>
      )}
    </>
  );
}
