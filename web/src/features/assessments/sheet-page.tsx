import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import type { AssessmentDetail } from '@thidua/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Alert, Button, Card, Descriptions, Flex, Popconfirm, Space } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { readLocalDraft, writeLocalDraft } from '../../app/local-draft';
import { NotFound } from '../../app/not-found-page';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { isNotFound, useRecordId } from '../../app/record-id';
import { SaveStatus } from '../../app/save-status';
import { useMe } from '../../app/session';
import { useAutosave } from '../../app/use-autosave';
import { useUnsavedGuard } from '../../app/use-unsaved-guard';
import { assessmentPaths } from './assessment-paths';
import { ClassificationTag, formatPoints, StageTag } from './assessment-tags';
import { assessmentKeys, assessmentSheetUrl, assessmentsApi, useAssessment, useRememberAssessment } from './assessments-api';
import { ScoreGrid } from './score-grid';
import { SheetDialogs, type SheetDialog } from './sheet-actions';
import { columnMet, columnTotal, draftProblems, draftsToScores, withoutSaved, withoutStored, type Column, type DraftProblems, type Drafts, type ScoreToSave } from './sheet-model';
import { ConflictAlert } from '../../app/editing-notes';

// Below the scores, and with uploads, image previews and date pickers of their own: these load after
// the sheet is drawn rather than before it.
const EvidencePanel = lazy(() => import('../evidence/evidence-panel').then((m) => ({ default: m.EvidencePanel })));
const DisciplineSection = lazy(() => import('./discipline-section').then((m) => ({ default: m.DisciplineSection })));

/** /danh-gia/:id — one assessment sheet, for the person, the head and the council alike. */
export default function SheetPage() {
  const { t } = useTranslation();
  const id = useRecordId();
  const q = useAssessment(id ?? 0);
  const back = { to: assessmentPaths.mine, label: t('assessments.sheet.back') };
  if (id === null || isNotFound(q.error)) return <NotFound back={back} />;
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

/** Field errors of a refused save, by criterion: the server names each by its place in what was sent. */
function refusedByCriterion(err: unknown, sent: ScoreToSave[], lang: string): Record<number, DraftProblems> {
  const out: Record<number, DraftProblems> = {};
  if (!(err instanceof ApiError)) return out;
  for (const f of err.fields) {
    const m = /^scores\.(\d+)\.(points|note|met|criterionId)$/.exec(f.path);
    const s = m ? sent[Number(m[1])] : undefined;
    if (!m || !s) continue;
    const field = m[2] === 'note' ? 'note' : m[2] === 'met' ? 'met' : 'points';
    out[s.criterionId] = { ...out[s.criterionId], [field]: lang.startsWith('en') ? f.messageEn : f.message };
  }
  return out;
}

function Sheet({ a }: { a: AssessmentDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = AntdApp.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const remember = useRememberAssessment();
  const { data: me } = useMe();
  const editable: Column | null = a.allowed.includes('scores') && a.stage !== 'final' ? a.stage : null;
  const backupKey = `assessment.${a.id}.${a.stage}.${me?.id ?? 0}`;
  // What is typed and not saved yet, restored from this browser when the last visit could not save it.
  const [drafts, setDrafts] = useState<Drafts>(() => {
    const kept = readLocalDraft<Drafts>(backupKey);
    return kept && kept.revision === a.revision && editable ? kept.value : {};
  });
  const [restored] = useState(() => Object.keys(drafts).length > 0);
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  const [edits, setEdits] = useState(0);
  // The revision the drafts are typed on: each save answers the next; another change meanwhile is a conflict.
  const base = useRef(a.revision);
  const [conflict, setConflict] = useState(false);
  const [refused, setRefused] = useState<Record<number, DraftProblems>>({});
  const [dialog, setDialog] = useState<SheetDialog>(null);
  const dirty = Object.keys(drafts).length > 0;

  // A sheet reloaded without anything typed follows the server's revision.
  useEffect(() => {
    if (Object.keys(draftsRef.current).length === 0) base.current = a.revision;
  }, [a.revision]);

  useEffect(() => {
    writeLocalDraft(backupKey, dirty ? { revision: base.current, value: drafts } : null);
  }, [backupKey, dirty, drafts]);

  const local = useMemo(() => draftProblems(a, drafts, lang), [a, drafts, lang]);
  const problems = useMemo(() => {
    const all: Record<number, DraftProblems> = { ...refused };
    for (const [id, p] of Object.entries(local)) all[Number(id)] = { ...all[Number(id)], ...p };
    return all;
  }, [local, refused]);
  const held = useMemo(() => new Set(Object.keys(problems).map(Number)), [problems]);
  const sendable = draftsToScores(drafts, held);

  const saveDrafts = async ({ keepalive }: { keepalive: boolean }) => {
    const sent = draftsToScores(draftsRef.current, held);
    if (sent.length === 0) return;
    try {
      const x = await assessmentsApi.saveScores(a.id, { revision: base.current, scores: sent }, { keepalive });
      base.current = x.revision;
      draftsRef.current = withoutSaved(draftsRef.current, sent);
      setDrafts((d) => withoutSaved(d, sent));
      remember(x);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ASSESSMENT_STALE') {
        // Changed since: when the sheet already holds what is typed (a save that went through as the
        // tab closed), there is nothing to resolve; else the person chooses.
        const fresh = await assessmentsApi.get(a.id);
        const left = withoutStored(draftsRef.current, fresh, editable);
        if (Object.keys(left).length === 0) {
          base.current = fresh.revision;
          draftsRef.current = {};
          setDrafts({});
          remember(fresh);
          return;
        }
        setConflict(true);
      }
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        // What the server refused stays in its field with the reason; the rest is sent again.
        setRefused((r) => ({ ...r, ...refusedByCriterion(e, sent, lang) }));
        setEdits((n) => n + 1);
      }
      throw e;
    }
  };
  const autosave = useAutosave({ edits, pending: () => draftsToScores(draftsRef.current, held).length > 0, save: saveDrafts, enabled: editable !== null && !conflict });
  useUnsavedGuard(dirty, Object.keys(problems).length > 0 ? t('editing.unsavedInvalid') : undefined);

  /** New drafts, kept in this browser at once so that a tab closed right after typing loses nothing. */
  const typed = (next: Drafts) => {
    draftsRef.current = next;
    setDrafts(next);
    writeLocalDraft(backupKey, Object.keys(next).length > 0 ? { revision: base.current, value: next } : null);
    setEdits((n) => n + 1);
  };

  const change = (criterionId: number, c: Drafts[number]) => {
    typed({ ...draftsRef.current, [criterionId]: { ...draftsRef.current[criterionId], ...c } });
    setRefused((r) => {
      if (!r[criterionId]) return r;
      const rest = { ...r };
      delete rest[criterionId];
      return rest;
    });
  };

  /** After a conflict: the sheet as it now stands, with what the person typed kept on top (or dropped). */
  const resolveConflict = async (keep: boolean) => {
    const fresh = await qc.fetchQuery({ queryKey: assessmentKeys.detail(a.id), queryFn: () => assessmentsApi.get(a.id), staleTime: 0 });
    base.current = fresh.revision;
    setConflict(false);
    autosave.reset();
    typed(keep ? draftsRef.current : {});
  };

  const submit = useMutation({
    mutationFn: async () => {
      // What is typed goes first, then the step; a value that is refused holds the step back.
      if (held.size > 0) throw new Error(t('editing.fixFirst'));
      if (!(await autosave.flush())) throw new Error(t('editing.failed'));
      if (Object.keys(draftsRef.current).length > 0) throw new Error(t('editing.fixFirst'));
      return assessmentsApi.submit(a.id);
    },
    onSuccess: (x) => {
      remember(x);
      void message.success(t('assessments.sheet.submitted'));
    },
  });

  const copySelf = () => {
    const next: Drafts = { ...draftsRef.current };
    for (const c of a.criteria) {
      if (!c.leaf || !c.self) continue;
      const own = next[c.id] ?? {};
      const current = c.review;
      if (c.maxPoints !== null && own.points === undefined && (current?.points ?? null) === null) next[c.id] = { ...own, points: c.self.points };
      if (c.maxPoints === null && own.met === undefined && (current?.met ?? null) === null) next[c.id] = { ...own, met: c.self.met };
    }
    typed(next);
  };

  const invalid = Object.keys(problems).length;
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
        {restored && dirty && <Alert type="info" showIcon title={t('editing.restored')} />}
        {conflict && <ConflictAlert onResolve={(keep) => void resolveConflict(keep)} />}
        {submit.error ? <ErrorAlert error={submit.error} style={{ marginBottom: 0 }} /> : null}
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
        onBlur={() => void autosave.flush()}
        problems={problems}
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
            {/* Two lines of fixed height: the buttons beside do not move while the state changes under a click. */}
            <Flex vertical style={{ minWidth: 0 }}>
              {editable && (
                <strong aria-live="polite">
                  {t('assessments.sheet.total')}: {formatPoints(columnTotal(a, editable, editable, drafts), lang)}
                  {a.maxTotal !== null ? ` / ${formatPoints(a.maxTotal, lang)}` : ''}
                </strong>
              )}
              {editable && (
                <span style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minHeight: 22 }}>
                  <SaveStatus state={autosave.state} waiting={sendable.length > 0} invalid={invalid} />
                </span>
              )}
            </Flex>
            <Space wrap>
              {editable && (
                <Button
                  disabled={conflict}
                  onClick={() => void autosave.flush().then((ok) => ok && held.size === 0 && void message.success(t('common.saved')))}
                >
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
        <DisciplineSection a={a} onChanged={() => void qc.invalidateQueries({ queryKey: assessmentKeys.detail(a.id) })} />
      </Suspense>

      <SheetDialogs
        a={a}
        open={dialog}
        onClose={() => setDialog(null)}
        onDone={(x, what) => {
          setDrafts({});
          base.current = x.revision;
          remember(x);
          void message.success(t(what === 'return' ? 'assessments.sheet.returned' : what === 'finalise' ? 'assessments.sheet.finalised' : 'assessments.sheet.reopened'));
        }}
      />
    </>
  );
}
