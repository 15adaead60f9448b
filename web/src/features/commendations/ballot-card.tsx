import { awards, type BallotChoice, type RoundView } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { App as AntdApp, Button, Card, Flex, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { useUnsavedGuard } from '../../app/use-unsaved-guard';
import { roundsApi } from './commendations-api';

/**
 * A council member's secret ballot: Đồng ý / Không đồng ý for every nominee, sent once. The choices
 * stay in this page only (never stored in the browser, where the next user of the computer could
 * read them); leaving the page with some chosen asks first.
 */
export function BallotCard({ r, onCast }: { r: RoundView; onCast: (next: RoundView) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message, modal } = AntdApp.useApp();
  const listed = r.nominations.filter((n) => n.status === 'proposed');
  const [choices, setChoices] = useState<Record<number, BallotChoice>>({});
  const answered = listed.filter((n) => choices[n.id]).length;
  const missing = listed.length - answered;
  useUnsavedGuard(answered > 0, t('commendations.round.ballotUnsaved'));

  const cast = useMutation({
    mutationFn: () => roundsApi.ballot(r.id, { choices: listed.map((n) => ({ nominationId: n.id, choice: choices[n.id]! })) }),
    onSuccess: (next) => {
      setChoices({});
      onCast(next);
      void message.success(t('commendations.round.cast'));
    },
  });
  const yes = listed.filter((n) => choices[n.id] === 'yes').length;

  const confirm = () =>
    modal.confirm({
      title: t('commendations.round.castTitle'),
      content: t('commendations.round.castText', { yes, no: answered - yes }),
      okText: t('commendations.round.castBallot'),
      cancelText: t('common.cancel'),
      onOk: () => cast.mutateAsync().catch(() => undefined),
    });

  return (
    <Card size="small" style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('commendations.round.ballotTitle')}</h2>} role="region" aria-label={t('commendations.round.ballotTitle')}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('commendations.round.ballotIntro')}
      </Typography.Paragraph>
      <ErrorAlert error={cast.error} />
      <Flex vertical gap={8}>
        {listed.map((n) => {
          const award = awards.find((a) => a.code === n.awardCode);
          return (
            <Flex key={n.id} wrap justify="space-between" align="center" gap={8} className="ballot-line">
              <span id={`ballot-${n.id}`}>
                <strong>{n.name}</strong> — {label(award)}
              </span>
              <Radio.Group
                aria-labelledby={`ballot-${n.id}`}
                optionType="button"
                value={choices[n.id]}
                onChange={(e) => setChoices((c) => ({ ...c, [n.id]: e.target.value as BallotChoice }))}
                options={[
                  { value: 'yes', label: t('commendations.round.yes') },
                  { value: 'no', label: t('commendations.round.no') },
                ]}
              />
            </Flex>
          );
        })}
      </Flex>
      <Flex wrap gap={8} align="center" style={{ marginTop: 12 }}>
        <Button onClick={() => setChoices(Object.fromEntries(listed.map((n) => [n.id, 'yes' as const])))}>{t('commendations.round.allYes')}</Button>
        <Button type="primary" disabled={missing > 0} loading={cast.isPending} onClick={confirm}>
          {t('commendations.round.castBallot')}
        </Button>
        {missing > 0 && <Typography.Text type="secondary">{t('commendations.round.ballotMissing', { count: missing })}</Typography.Text>}
      </Flex>
    </Card>
  );
}
