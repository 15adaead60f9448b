import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import type { AssessmentDetail } from '@thidua/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Alert, Button, Card, Descriptions, Flex, Popconfirm, Space } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { assessmentPaths } from './assessment-paths';
import { ClassificationTag, formatPoints, StageTag } from './assessment-tags';
import { assessmentKeys, assessmentSheetUrl, assessmentsApi, useAssessment, useRememberAssessment } from './assessments-api';
import { ScoreGrid } from './score-grid';
import { SheetDialogs, type SheetDialog } from './sheet-actions';
import { columnMet, columnTotal, draftsToScores, type Column, type Drafts } from './sheet-model';

// Below the scores, and with uploads, image previews and date pickers of their own: these load after
// the sheet is drawn rather than before it.
const EvidencePanel = lazy(() => import('../evidence/evidence-panel').then((m) => ({ default: m.EvidencePanel })));
const DisciplineSection = lazy(() => import('./discipline-section').then((m) => ({ default: m.DisciplineSection })));

/** /danh-gia/:id — one assessment sheet, for the person, the head and the council alike. */
export default function SheetPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id) || 0;
  const q = useAssessment(id);
  if (q.isLoading) return <PageSpinner />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('assessments.title')} />
        <ErrorAlert error={q.error} />
        <Link to={assessmentPaths.mine}>{t('assessments.sheet.back')}</Link>
      </>
    );
  }
  return <Sheet a={q.data} />;
}

const columnKey = { self: 'columnSelf', review: 'columnReview', council: 'columnCouncil' } as const;

function Sheet({ a }: { a: AssessmentDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = AntdApp.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const remember = useRememberAssessment();
  const editable: Column | null = a.allowed.includes('scores') && a.stage !== 'final' ? a.stage : null;
  const [drafts, setDrafts] = useState<Drafts>({});
  // The revision the drafts were made on: a save answers 409 when someone changed the sheet since.
  const [base, setBase] = useState(a.revision);
  const [dialog, setDialog] = useState<SheetDialog>(null);
  const dirty = Object.keys(drafts).length > 0;

  useEffect(() => {
    if (!dirty) setBase(a.revision);
  }, [a.revision, dirty]);

  const reload = () => {
    setDrafts({});
    void qc.invalidateQueries({ queryKey: assessmentKeys.detail(a.id) });
  };

  const save = useMutation({
    mutationFn: () => assessmentsApi.saveScores(a.id, { revision: base, scores: draftsToScores(drafts) }),
    onSuccess: (x) => {
      remember(x);
      setDrafts({});
      setBase(x.revision);
      void message.success(t('common.saved'));
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      // Unsaved changes go first, then the step.
      if (dirty) {
        const saved = await assessmentsApi.saveScores(a.id, { revision: base, scores: draftsToScores(drafts) });
        remember(saved);
        setDrafts({});
      }
      return assessmentsApi.submit(a.id);
    },
    onSuccess: (x) => {
      remember(x);
      void message.success(t('assessments.sheet.submitted'));
    },
  });

  const change = (criterionId: number, c: Drafts[number]) => {
    save.reset();
    setDrafts((d) => ({ ...d, [criterionId]: { ...d[criterionId], ...c } }));
  };

  const copySelf = () => {
    const next: Drafts = { ...drafts };
    for (const c of a.criteria) {
      if (!c.leaf || !c.self) continue;
      const own = next[c.id] ?? {};
      const current = c.review;
      if (c.maxPoints !== null && own.points === undefined && (current?.points ?? null) === null) next[c.id] = { ...own, points: c.self.points };
      if (c.maxPoints === null && own.met === undefined && (current?.met ?? null) === null) next[c.id] = { ...own, met: c.self.met };
    }
    setDrafts(next);
  };

  const stale = [save.error, submit.error].some((e) => e instanceof ApiError && e.code === 'ASSESSMENT_STALE');
  const title = a.personName ? t('assessments.sheet.titlePerson', { name: a.personName }) : t('assessments.sheet.titleUnit', { name: a.unitName });
  const totals = a.visibleStages.map((s) => ({ s, total: columnTotal(a, s, editable, drafts), met: columnMet(a, s, editable, drafts) }));

  return (
    <>
      <PageHeader
        title={title}
        subtitle={`${a.movementName} — ${a.year} · ${a.unitName}`}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate(assessmentPaths.mine)}>
              {t('assessments.sheet.back')}
            </Button>
            <Button icon={<PrinterOutlined aria-hidden />} href={assessmentSheetUrl(a.id)} target="_blank" rel="noopener">
              {t('assessments.sheet.print')}
            </Button>
          </>
        }
      />

      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'stage', label: t('assessments.list.stage'), children: <StageTag stage={a.stage} /> },
            { key: 'plan', label: t('assessments.sheet.plan'), children: a.planTitle },
            ...(a.titleName ? [{ key: 'title', label: t('assessments.sheet.registeredTitle'), children: a.titleName }] : []),
            ...totals.map(({ s, total, met }) => ({
              key: s,
              label: `${t('assessments.sheet.total')} (${t(`assessments.sheet.${columnKey[s]}`)})`,
              children: (
                <span>
                  {a.maxTotal !== null ? `${formatPoints(total, lang)} / ${formatPoints(a.maxTotal, lang)}` : null}
                  {met ? `${a.maxTotal !== null ? ' · ' : ''}${t('assessments.sheet.metCount')}: ${met.met}/${met.of}` : null}
                </span>
              ),
            })),
            { key: 'classification', label: t('assessments.sheet.classification'), children: <ClassificationTag a={a} /> },
          ]}
        />
      </Card>

      <Flex vertical gap={8} style={{ marginBottom: 12 }}>
        {a.stage === 'final' && (
          <Alert
            type={a.cappedBy ? 'error' : 'success'}
            showIcon
            title={`${t('assessments.sheet.classification')}: ${a.classificationLabel ? (lang.startsWith('en') ? a.classificationLabel.en : a.classificationLabel.vi) : '—'}`}
            description={
              <>
                {a.capReason && (
                  <div>
                    {t('assessments.sheet.capped')}: {a.capReason}
                  </div>
                )}
                {a.overrideReason && <div>{t('assessments.sheet.override', { reason: a.overrideReason })}</div>}
                {a.finalisedAt && <div>{t('assessments.sheet.finalisedBy', { at: formatDateTime(a.finalisedAt), name: a.finalisedByName ?? '' })}</div>}
                <div>{t('assessments.sheet.locked')}</div>
              </>
            }
          />
        )}
        {a.returned && a.stage !== 'final' && (
          <Alert
            type="warning"
            showIcon
            title={t('assessments.sheet.returnedNotice', { from: t(`assessments.sheet.from.${a.returned.from}`), at: formatDateTime(a.returned.at) })}
            description={
              <>
                <div>{a.returned.reason}</div>
                {a.returned.byName && <div>{t('assessments.sheet.returnedBy', { name: a.returned.byName })}</div>}
              </>
            }
          />
        )}
        {a.overscoreFlag && (
          <Alert type="warning" showIcon title={t('assessments.sheet.overscore', { self: formatPoints(a.selfTotal, lang), review: formatPoints(a.reviewTotal, lang), margin: formatPoints(a.overscoreMargin, lang) })} />
        )}
        {!editable && a.stage !== 'final' && <Alert type="info" showIcon title={t('assessments.sheet.waiting', { stage: t(`assessments.stage.${a.stage}`) })} />}
        {stale && (
          <Alert
            type="error"
            showIcon
            title={t('assessments.sheet.stale')}
            action={
              <Button size="small" onClick={reload}>
                {t('assessments.sheet.reload')}
              </Button>
            }
          />
        )}
        {!stale && save.error ? <ErrorAlert error={save.error} style={{ marginBottom: 0 }} /> : null}
        {!stale && submit.error ? <ErrorAlert error={submit.error} style={{ marginBottom: 0 }} /> : null}
      </Flex>

      {editable === 'review' && (
        <Button onClick={copySelf} style={{ marginBottom: 12 }} title={t('assessments.sheet.copySelfHelp')}>
          {t('assessments.sheet.copySelf')}
        </Button>
      )}

      <ScoreGrid
        a={a}
        editable={editable}
        drafts={drafts}
        onChange={change}
        evidence={(criterionId) => (
          <Suspense fallback={null}>
            <EvidencePanel assessmentId={a.id} criterionId={criterionId} editable={editable !== null} />
          </Suspense>
        )}
      />

      <Card size="small" title={t('assessments.sheet.generalEvidence')} style={{ marginTop: 12 }}>
        <Suspense fallback={null}>
          <EvidencePanel assessmentId={a.id} criterionId={null} editable={editable !== null} />
        </Suspense>
      </Card>

      {(editable || a.allowed.length > 0) && (
        <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 5, marginTop: 12, boxShadow: '0 -2px 8px rgba(0,0,0,0.08)' }}>
          <Flex wrap gap={8} align="center" justify="space-between">
            <span aria-live="polite">
              {editable && (
                <strong>
                  {t('assessments.sheet.total')}: {formatPoints(columnTotal(a, editable, editable, drafts), lang)}
                  {a.maxTotal !== null ? ` / ${formatPoints(a.maxTotal, lang)}` : ''}
                </strong>
              )}
              {dirty && <span style={{ marginLeft: 8, color: '#9a5b00' }}>{t('assessments.sheet.unsaved')}</span>}
            </span>
            <Space wrap>
              {editable && (
                <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
                  {t('assessments.sheet.save')}
                </Button>
              )}
              {a.allowed.includes('submit') && (
                <Popconfirm
                  title={a.stage === 'self' ? t('assessments.sheet.submitConfirmSelf') : t('assessments.sheet.submitConfirmReview')}
                  okText={a.stage === 'self' ? t('assessments.sheet.submitSelf') : t('assessments.sheet.submitReview')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => submit.mutate()}
                >
                  <Button type="primary" loading={submit.isPending}>
                    {a.stage === 'self' ? t('assessments.sheet.submitSelf') : t('assessments.sheet.submitReview')}
                  </Button>
                </Popconfirm>
              )}
              {a.allowed.includes('return') && (
                <Button danger onClick={() => setDialog('return')}>
                  {t('assessments.sheet.return')}
                </Button>
              )}
              {a.allowed.includes('finalise') && (
                <Button type="primary" disabled={dirty} onClick={() => setDialog('finalise')}>
                  {t('assessments.sheet.finalise')}
                </Button>
              )}
              {a.allowed.includes('reopen') && <Button onClick={() => setDialog('reopen')}>{t('assessments.sheet.reopen')}</Button>}
            </Space>
          </Flex>
        </Card>
      )}

      <Suspense fallback={null}>
        <DisciplineSection a={a} onChanged={reload} />
      </Suspense>

      <SheetDialogs
        a={a}
        open={dialog}
        onClose={() => setDialog(null)}
        onDone={(x, what) => {
          setDrafts({});
          remember(x);
          void message.success(t(what === 'return' ? 'assessments.sheet.returned' : what === 'finalise' ? 'assessments.sheet.finalised' : 'assessments.sheet.reopened'));
        }}
      />
    </>
  );
}
