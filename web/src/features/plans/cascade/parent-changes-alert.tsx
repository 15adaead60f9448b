import type { ParentChange, PlanDetail } from '@thidua/contracts';
import { Alert, App as AntdApp, Button, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../app/forms';
import { paths } from '../../../app/paths';
import { ChangeKindTag } from './cascade-status';
import { useDecideParentChanges, useParentChanges } from './cascade-api';

/**
 * On a plan that adopted a parent plan: the changes a newer version of the parent made since, each
 * to accept (take into this plan) or dismiss. Nothing is forced; nothing shows when none waits.
 */
export function ParentChangesAlert({ plan }: { plan: PlanDetail }) {
  if (plan.parentChanges <= 0) return null;
  return <PendingChanges plan={plan} />;
}

function PendingChanges({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const navigate = useNavigate();
  const offer = useParentChanges(plan.id, true);
  const decide = useDecideParentChanges(plan.id);
  // Which change (key, or "all") the pending request is about, to show its buttons busy.
  const [busy, setBusy] = useState<string | null>(null);
  const canDecide = plan.allowed.includes('reviewParentChanges');
  const intoNewVersion = plan.criteriaFrozenAt !== null || plan.status === 'closed';

  const send = (what: string, body: { accept: string[]; dismiss: string[] }) => {
    setBusy(what);
    decide.mutate(body, {
      onSuccess: (answer) => {
        if (answer.id !== plan.id) {
          void message.success(t('plans.cascade.changes.newVersion'));
          void navigate(`${paths.plans}/${answer.id}`);
          return;
        }
        void message.success(body.accept.length > 0 ? t('plans.cascade.changes.accepted') : t('plans.cascade.changes.dismissed'));
      },
      onSettled: () => setBusy(null),
    });
  };

  const changes = offer.data?.changes ?? [];
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('plans.cascade.changes.title', { count: plan.parentChanges })}
      description={
        <div>
          {offer.data?.adopted && offer.data.latest && (
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              {t('plans.cascade.changes.intro', { latest: offer.data.latest.version, adopted: offer.data.adopted.version })}
            </Typography.Paragraph>
          )}
          {canDecide && intoNewVersion && <Typography.Paragraph style={{ marginBottom: 8 }}>{t('plans.cascade.changes.frozenHint')}</Typography.Paragraph>}
          {!canDecide && <Typography.Paragraph style={{ marginBottom: 8 }}>{t('plans.cascade.changes.readOnly')}</Typography.Paragraph>}
          {offer.error ? <ErrorAlert error={offer.error} /> : null}
          {decide.error ? <ErrorAlert error={decide.error} /> : null}
          {offer.isLoading ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : (
            <ul aria-label={t('plans.cascade.changes.show')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {changes.map((c) => (
                <ChangeItem
                  key={c.key}
                  change={c}
                  canDecide={canDecide}
                  busy={busy === c.key}
                  disabled={decide.isPending}
                  onAccept={() => send(c.key, { accept: [c.key], dismiss: [] })}
                  onDismiss={() => send(c.key, { accept: [], dismiss: [c.key] })}
                />
              ))}
            </ul>
          )}
          <Flex wrap gap={12} align="center" style={{ marginTop: 8 }}>
            <Link to={`${paths.plans}/${plan.id}/so-sanh`}>{t('plans.cascade.compareLink')}</Link>
            {canDecide && changes.length > 1 && (
              <Button
                size="small"
                loading={busy === 'all'}
                disabled={decide.isPending}
                onClick={() => send('all', { accept: changes.map((c) => c.key), dismiss: [] })}
              >
                {t('plans.cascade.changes.acceptAll')}
              </Button>
            )}
          </Flex>
        </div>
      }
    />
  );
}

function ChangeItem({
  change: c,
  canDecide,
  busy,
  disabled,
  onAccept,
  onDismiss,
}: {
  change: ParentChange;
  canDecide: boolean;
  busy: boolean;
  disabled: boolean;
  onAccept: () => void;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const shown = c.after ?? c.before!;
  const points = (p: number | null) => (p === null ? '' : ` (${t('plans.cascade.compare.points', { points: p })})`);
  return (
    <li style={{ padding: '8px 0', borderTop: '1px solid rgba(0, 0, 0, 0.12)' }}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Flex wrap gap={6} align="center">
          <ChangeKindTag kind={c.kind} />
          <Tag>{t(`plans.subjects.${c.subject}`)}</Tag>
          <strong>{shown.code}</strong>
          {c.kind === 'changed' && (
            <span>
              {t('plans.cascade.compare.changedFields', { fields: c.fields.map((f) => t(`plans.cascade.fields.${f}`)).join(', ') })}
            </span>
          )}
        </Flex>
        {canDecide && (
          <Flex gap={6}>
            <Button size="small" type="primary" loading={busy} disabled={disabled && !busy} onClick={onAccept} aria-label={t('plans.cascade.changes.acceptOf', { code: shown.code })}>
              {t('plans.cascade.changes.accept')}
            </Button>
            <Button size="small" disabled={disabled} onClick={onDismiss} aria-label={t('plans.cascade.changes.dismissOf', { code: shown.code })}>
              {t('plans.cascade.changes.dismiss')}
            </Button>
          </Flex>
        )}
      </Flex>
      <div style={{ marginTop: 4 }}>
        {c.kind === 'changed' && c.before && <div>{t('plans.cascade.changes.before', { text: `${c.before.text}${points(c.before.maxPoints)}` })}</div>}
        {c.after ? (
          <div>{t('plans.cascade.changes.after', { text: `${c.after.text}${points(c.after.maxPoints)}` })}</div>
        ) : (
          <div>
            <s>{c.before?.text}</s>
          </div>
        )}
        {c.own ? (
          c.kind !== 'removed' && <div style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('plans.cascade.changes.yours', { text: `${c.own.text}${points(c.own.maxPoints)}` })}</div>
        ) : (
          <div style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('plans.cascade.changes.notHeld')}</div>
        )}
      </div>
    </li>
  );
}
