import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { awards, roundStatuses, type NominationView, type RoundView } from '@thidua/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntdApp, Button, Card, Empty, Flex, Grid, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { useDocumentTitle } from '../../app/hooks';
import { useLabel } from '../../app/i18n';
import { NotFound } from '../../app/not-found-page';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { isNotFound, useRecordId } from '../../app/record-id';
import { tagColors } from '../../app/theme';
import { awardPaths } from '../awards/award-paths';
import { BallotCard } from './ballot-card';
import { roundFiles, roundKeys, roundsApi, useRound } from './commendations-api';
import { NominationDialogs, type NominationDialog } from './nomination-dialogs';
import { roundPaths } from './round-paths';
import { statusColor } from './round-status';

/** /khen-thuong/:id — a round of bình xét: the list, the council's secret ballot, the decision. */
export default function RoundPage() {
  const { t } = useTranslation();
  const id = useRecordId();
  const q = useRound(id ?? 0);
  useDocumentTitle(q.data ? q.data.name : t('commendations.title'));
  const back = { to: roundPaths.list, label: t('commendations.round.back') };
  if (id === null || isNotFound(q.error)) return <NotFound back={back} />;
  if (q.isLoading) return <PageSpinner />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('commendations.title')} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  return <Round r={q.data} />;
}

/** An amount of đồng as the reader writes it: "710.000". */
const money = (n: number, lang: string) => formatNumber(n, lang, 0);

function Round({ r }: { r: RoundView }) {
  const { t, i18n } = useTranslation();
  const desktop = Grid.useBreakpoint().md ?? true;
  const qc = useQueryClient();
  const { message, modal } = AntdApp.useApp();
  const [dialog, setDialog] = useState<NominationDialog | null>(null);
  const manage = r.allowed.includes('manage');
  const proposing = r.status === 'proposing';
  const changed = (next: RoundView) => {
    qc.setQueryData(roundKeys.round(r.id), next);
    void qc.invalidateQueries({ queryKey: roundKeys.all, exact: false, predicate: (q) => q.queryKey[1] === 'list' });
  };
  const step = useMutation({
    mutationFn: (kind: 'open' | 'close') => (kind === 'open' ? roundsApi.openVote(r.id) : roundsApi.closeVote(r.id)),
    onSuccess: (next, kind) => {
      changed(next);
      void message.success(t(kind === 'open' ? 'commendations.round.voteOpened' : 'commendations.round.voteClosed'));
    },
  });
  const proposed = r.nominations.filter((n) => n.status === 'proposed');
  const short = r.nominations.filter((n) => n.status === 'short');
  const excluded = r.nominations.filter((n) => n.status === 'excluded');
  const current = roundStatuses.indexOf(r.status);

  const confirmStep = (kind: 'open' | 'close') =>
    modal.confirm({
      title: t(kind === 'open' ? 'commendations.round.openVoteTitle' : 'commendations.round.closeVoteTitle'),
      content: kind === 'open' ? t('commendations.round.openVoteText', { count: proposed.length }) : t('commendations.round.closeVoteText'),
      okText: t(kind === 'open' ? 'commendations.round.openVote' : 'commendations.round.closeVote'),
      cancelText: t('common.cancel'),
      onOk: () => step.mutateAsync(kind).catch(() => undefined),
    });

  return (
    <>
      <Link to={roundPaths.list}>
        <ArrowLeftOutlined aria-hidden /> {t('commendations.round.back')}
      </Link>
      <PageHeader title={r.name} subtitle={`${r.unitName} · ${t('commendations.list.year')} ${r.year}`} extra={<Tag color={statusColor[r.status]}>{t(`commendations.round.steps.${r.status}`)}</Tag>} />
      <Card size="small">
        {/* On a phone the status tag says the step; four vertical steps would push the work below the fold. */}
        {desktop && <Steps size="small" current={r.status === 'decided' ? 4 : current} items={roundStatuses.map((s) => ({ title: t(`commendations.round.steps.${s}`) }))} />}
        <Typography.Paragraph type="secondary" style={{ margin: desktop ? '12px 0 0' : 0 }}>
          {t('commendations.round.basis', { basis: r.ruleBasis, date: formatDate(r.proposedOn) })}.{' '}
          {r.quotaPercent !== null ? t('commendations.round.quota', { percent: formatNumber(r.quotaPercent, i18n.language) }) : t('commendations.round.noQuota')}.
        </Typography.Paragraph>
        <ErrorAlert error={step.error} style={{ marginTop: 12 }} />
        {r.vote && (
          <Typography.Paragraph style={{ margin: '8px 0 0' }} aria-live="polite">
            {r.status === 'voting' ? t('commendations.round.progress', { voted: r.vote.voted, members: r.vote.members, quorum: r.vote.quorum }) : t('commendations.round.turnout', { voted: r.vote.voted, members: r.vote.members })}
          </Typography.Paragraph>
        )}
        <Flex wrap gap={8} style={{ marginTop: 12 }}>
          {manage && proposing && (
            <Button type="primary" onClick={() => confirmStep('open')} disabled={proposed.length === 0}>
              {t('commendations.round.openVote')}
            </Button>
          )}
          {manage && r.status === 'voting' && (
            <Button type="primary" onClick={() => confirmStep('close')}>
              {t('commendations.round.closeVote')}
            </Button>
          )}
          {r.allowed.includes('decide') && (
            <Button type="primary" onClick={() => setDialog({ kind: 'decide', count: proposed.filter((n) => n.votes?.approved).length })}>
              {t('commendations.round.decide')}
            </Button>
          )}
        </Flex>
        {r.status === 'voted' && !r.allowed.includes('decide') && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('commendations.round.waitingDecision')} />}
      </Card>

      {r.vote?.hasVoted && r.status === 'voting' && <Alert style={{ marginTop: 16 }} type="success" showIcon title={t('commendations.round.hasVoted')} />}
      {r.allowed.includes('vote') && <BallotCard r={r} onCast={changed} />}
      {(r.status === 'voted' || r.status === 'decided') && <Documents r={r} />}

      <NomineeSection title={t('commendations.round.proposedList', { count: proposed.length })} empty={t('commendations.round.emptyProposed')} list={proposed} r={r} onDialog={manage && proposing ? setDialog : undefined} />
      {excluded.length > 0 && <NomineeSection title={t('commendations.round.excludedList', { count: excluded.length })} list={excluded} r={r} onDialog={manage && proposing ? setDialog : undefined} />}
      {short.length > 0 && <NomineeSection title={t('commendations.round.shortList', { count: short.length })} list={short} r={r} onDialog={manage && proposing ? setDialog : undefined} />}
      <NominationDialogs round={r} dialog={dialog} onClose={() => setDialog(null)} onChanged={changed} />
    </>
  );
}

/** The count's minutes once the vote has closed; the decision, its total and the certificates once issued. */
function Documents({ r }: { r: RoundView }) {
  const { t, i18n } = useTranslation();
  const title = r.decision ? t('commendations.round.steps.decided') : t('commendations.round.steps.voted');
  const download = (href: string, label: string) => (
    <Button href={href} download icon={<DownloadOutlined aria-hidden />}>
      {label}
    </Button>
  );
  return (
    <Card size="small" style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} role="region" aria-label={title}>
      {r.decision && (
        <>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('commendations.round.decision', { reference: r.decision.reference, date: formatDate(r.decision.signedOn), signer: r.decision.signerName })}
          </Typography.Paragraph>
          <Typography.Paragraph strong>{t('commendations.round.bonusTotal', { amount: money(r.decision.bonusTotal, i18n.language) })}</Typography.Paragraph>
        </>
      )}
      <Flex wrap gap={8}>
        {r.decision && download(roundFiles.docx(r.id), t('commendations.round.decisionDocx'))}
        {r.decision && download(roundFiles.pdf(r.id), t('commendations.round.decisionPdf'))}
        {r.decision && download(roundFiles.certificates(r.id), t('commendations.round.certificates'))}
        {download(roundFiles.minutesDocx(r.id), t('commendations.round.minutesDocx'))}
        {download(roundFiles.minutesPdf(r.id), t('commendations.round.minutesPdf'))}
      </Flex>
    </Card>
  );
}

function NomineeSection({ title, empty, list, r, onDialog }: { title: string; empty?: string; list: NominationView[]; r: RoundView; onDialog?: (d: NominationDialog) => void }) {
  return (
    <Card size="small" style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} role="region" aria-label={title}>
      {list.length === 0 ? (
        <Empty description={empty} />
      ) : (
        <Flex vertical gap={8}>
          {list.map((n) => (
            <Nominee key={n.id} n={n} r={r} onDialog={onDialog} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

function Nominee({ n, r, onDialog }: { n: NominationView; r: RoundView; onDialog?: (d: NominationDialog) => void }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const award = n.awardCode ? awards.find((a) => a.code === n.awardCode) : undefined;
  const en = i18n.language === 'en';
  return (
    <article className="nominee" aria-label={n.name}>
      <Flex wrap justify="space-between" align="center" gap={8}>
        <div>
          <strong>{n.name}</strong>{' '}
          <Typography.Text type="secondary">{[n.position, n.unitName].filter(Boolean).join(' · ')}</Typography.Text>
        </div>
        {award && <Tag color={n.status === 'excluded' ? tagColors.neutral : tagColors.info}>{label(award)}</Tag>}
      </Flex>
      <div>{en ? n.reasonEn : n.reason}</div>
      {n.note && <div>{t('commendations.round.note', { note: n.note })}</div>}
      {n.score !== null && <Typography.Text type="secondary">{t('commendations.round.score', { score: formatNumber(n.score, i18n.language) })}</Typography.Text>}
      {n.votes && (
        <div>
          <Tag color={n.votes.approved ? tagColors.active : tagColors.danger}>
            {t('commendations.round.votes', {
              yes: n.votes.yes,
              members: r.vote?.members ?? 0,
              needed: n.votes.needed,
              result: t(n.votes.approved ? 'commendations.round.approved' : 'commendations.round.rejected'),
            })}
          </Tag>
        </div>
      )}
      {n.bonus !== null && <div>{t(r.decision ? 'commendations.round.bonus' : 'commendations.round.bonusExpected', { amount: money(n.bonus, i18n.language) })}</div>}
      {n.conditions.length > 0 && (
        <details>
          <summary>{t('commendations.round.conditions')}</summary>
          <ul className="nominee-conditions">
            {n.conditions.map((c) => (
              <li key={c.text}>
                <Tag color={c.met ? tagColors.active : tagColors.danger}>{c.met ? t('commendations.round.met') : t('commendations.round.notMet')}</Tag>
                {c.text}: {c.fact}
                {c.citation && (
                  <div>
                    <Typography.Text type="secondary">{c.citation}</Typography.Text>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <Flex wrap gap={4}>
        {n.personId !== null && (
          <Link to={awardPaths.record(n.personId)} className="nominee-link">
            {t('commendations.round.openRecord')}
          </Link>
        )}
        {onDialog && n.status !== 'excluded' && (
          <Button size="small" type="link" onClick={() => onDialog({ kind: 'award', nomination: n })}>
            {n.status === 'short' ? t('commendations.round.propose') : t('commendations.round.changeAward')}
          </Button>
        )}
        {onDialog && n.status === 'proposed' && (
          <Button size="small" type="link" danger onClick={() => onDialog({ kind: 'exclude', nomination: n })}>
            {t('commendations.round.exclude')}
          </Button>
        )}
        {onDialog && n.status === 'excluded' && (
          <Button size="small" type="link" onClick={() => onDialog({ kind: 'restore', nomination: n })}>
            {t('commendations.round.restore')}
          </Button>
        )}
      </Flex>
    </article>
  );
}
