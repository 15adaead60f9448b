import { ArrowLeftOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  awards,
  commendationKindLabels,
  disciplineFormLabels,
  initiativeLevelLabels,
  ratingLabels,
  type PersonRecord,
  type RecordYear,
} from '@thidua/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { capitalise, formatDate } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { useDocumentTitle } from '../../app/hooks';
import { useLabel } from '../../app/i18n';
import { NotFound } from '../../app/not-found-page';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { paths } from '../../app/paths';
import { isNotFound, useRecordId } from '../../app/record-id';
import { readsOrganisation, useMe } from '../../app/session';
import { tagColors } from '../../app/theme';
import { recordKeys, useRecord } from './awards-api';
import { EligibilityCard } from './eligibility-card';
import { RecordDialogs, type RecordDialog } from './record-dialogs';

/** /can-bo/:id/thanh-tich — a person's record of achievements (hồ sơ thành tích) and the eligibility of an award on it. */
export default function RecordPage() {
  const { t } = useTranslation();
  const id = useRecordId();
  const q = useRecord(id ?? 0);
  useDocumentTitle(q.data ? `${t('awards.record.title')} — ${q.data.personName}` : t('awards.record.title'));
  const back = useBack();
  if (id === null || isNotFound(q.error)) return <NotFound back={back} />;
  if (q.isLoading) return <PageSpinner />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('awards.record.title')} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  return <AchievementRecord r={q.data} />;
}

const ratingColor = { hoan_thanh_xuat_sac: tagColors.active, hoan_thanh_tot: tagColors.info, hoan_thanh: tagColors.neutral, khong_hoan_thanh: tagColors.danger } as const;

/** Back to the people for those who read them; a staff member, who came from the home page, goes home. */
function useBack() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return readsOrganisation(me) ? { to: paths.people, label: t('awards.record.back') } : { to: paths.home, label: t('awards.record.backHome') };
}

/** The record, its dialogs and the eligibility card above it. */
function AchievementRecord({ r }: { r: PersonRecord }) {
  const { t } = useTranslation();
  const back = useBack();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<RecordDialog | null>(null);
  const canWrite = r.allowed.includes('write');
  const changed = (next: PersonRecord) => {
    qc.setQueryData(recordKeys.record(r.personId), next);
    void qc.invalidateQueries({ queryKey: recordKeys.eligibility(r.personId) });
  };

  return (
    <>
      <Link to={back.to}>
        <ArrowLeftOutlined aria-hidden /> {back.label}
      </Link>
      <PageHeader title={`${t('awards.record.title')}: ${r.personName}`} subtitle={r.unitName} />
      <EligibilityCard personId={r.personId} />
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('awards.record.title')}</h2>}
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('awards.record.intro')}
        </Typography.Paragraph>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Button href={`/api/people/${r.personId}/record/summary.docx`} download icon={<DownloadOutlined aria-hidden />}>
            {t('awards.record.summary')}
          </Button>
        </Flex>
        {canWrite && (
          <Flex wrap gap={8} style={{ marginBottom: 12 }}>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'rating' })}>
              {t('awards.record.setRating')}
            </Button>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'award' })}>
              {t('awards.record.addAward')}
            </Button>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'initiative' })}>
              {t('awards.record.addInitiative')}
            </Button>
          </Flex>
        )}
        {r.years.length === 0 ? (
          <Empty description={canWrite ? t('awards.record.empty') : t('awards.record.emptyReader')} />
        ) : (
          <Flex vertical gap={12}>
            {r.years.map((y) => (
              <YearCard key={y.year} y={y} canWrite={canWrite} onDialog={setDialog} />
            ))}
          </Flex>
        )}
      </Card>
      <RecordDialogs personId={r.personId} dialog={dialog} onClose={() => setDialog(null)} onChanged={changed} />
    </>
  );
}

/** One year of the record: its rating, titles and awards, initiatives and discipline. */
function YearCard({ y, canWrite, onDialog }: { y: RecordYear; canWrite: boolean; onDialog: (d: RecordDialog) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const name = (code: string) => label(awards.find((a) => a.code === code)!);
  return (
    <section aria-label={t('awards.record.year', { year: y.year })} style={{ border: '1px solid #e3e6ea', borderRadius: 6, padding: 12 }}>
      <Flex wrap justify="space-between" align="center" gap={8}>
        <h3 style={{ fontSize: 15, margin: 0 }}>{t('awards.record.year', { year: y.year })}</h3>
        <span>
          {y.rating ? <Tag color={ratingColor[y.rating]}>{capitalise(label(ratingLabels[y.rating]))}</Tag> : <Typography.Text type="secondary">{t('awards.record.noRating')}</Typography.Text>}
          {canWrite && (
            <Button size="small" type="link" onClick={() => onDialog({ kind: 'rating', year: y.year, rating: y.rating })}>
              {t('awards.record.setRating')}
            </Button>
          )}
        </span>
      </Flex>
      <dl className="record-lines">
        <dt>{t('awards.record.titlesAwards')}</dt>
        <dd>
          {y.granted.length === 0
            ? t('awards.record.none')
            : y.granted.map((g) => (
                <div key={g.id}>
                  <strong>{name(g.awardCode)}</strong>
                  {g.kind !== 'cong_trang' && <Tag style={{ marginLeft: 6 }}>{label(commendationKindLabels[g.kind])}</Tag>}
                  {(g.decisionNumber || g.decidedOn) && <Typography.Text type="secondary">{` — ${[g.decisionNumber, formatDate(g.decidedOn)].filter(Boolean).join(', ')}`}</Typography.Text>}
                  {g.reviewNote && (
                    <div role="note">
                      <Tag color={tagColors.merged}>{t('awards.record.review')}</Tag>
                      <Typography.Text>{g.reviewNote}</Typography.Text>
                    </div>
                  )}
                  {canWrite && (
                    <Button size="small" type="link" danger onClick={() => onDialog({ kind: 'revoke', entry: 'award', id: g.id, what: name(g.awardCode) })}>
                      {t('awards.record.revoke')}
                    </Button>
                  )}
                </div>
              ))}
        </dd>
        <dt>{t('awards.record.initiatives')}</dt>
        <dd>
          {y.initiatives.length === 0
            ? t('awards.record.none')
            : y.initiatives.map((i) => (
                <div key={i.id}>
                  {i.title} <Typography.Text type="secondary">({label(initiativeLevelLabels[i.level])}{i.decisionNumber ? `, ${i.decisionNumber}` : ''})</Typography.Text>
                  {canWrite && (
                    <Button size="small" type="link" danger onClick={() => onDialog({ kind: 'revoke', entry: 'initiative', id: i.id, what: i.title })}>
                      {t('awards.record.revoke')}
                    </Button>
                  )}
                </div>
              ))}
        </dd>
        {y.discipline && (
          <>
            <dt>{t('awards.record.discipline')}</dt>
            <dd>
              <Tag color={tagColors.danger}>{label(disciplineFormLabels[y.discipline.form])}</Tag> {formatDate(y.discipline.decidedOn)}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}


