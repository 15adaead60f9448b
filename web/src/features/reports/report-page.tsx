import { ArrowLeftOutlined, CheckOutlined, DownloadOutlined, RollbackOutlined, SaveOutlined, SendOutlined, SyncOutlined, UnlockOutlined } from '@ant-design/icons';
import { fieldLabels, isDocumentNumber, referenceText, reportLimits, typedLabel, type ReportChild, type ReportDetail, type SaveReportBody } from '@thidua/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntdApp, Button, Card, Col, Descriptions, Flex, Input, Row, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, codeText, errorText } from '../../app/api';
import { ErrorAlert } from '../../app/forms';
import { formatDate, formatDateTime } from '../../app/format';
import { readLocalDraft, writeLocalDraft } from '../../app/local-draft';
import { NotFound } from '../../app/not-found-page';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { isNotFound, useRecordId } from '../../app/record-id';
import { SaveStatus } from '../../app/save-status';
import { useMe } from '../../app/session';
import { lengthError, limitCount } from '../../app/text-limit';
import { useAutosave } from '../../app/use-autosave';
import { useUnsavedGuard } from '../../app/use-unsaved-guard';
import { formatTyped, IndicatorInput, indicatorError, type TypedValue } from './indicator-input';
import { ReasonModal } from './reason-modal';
import { reportPaths } from './report-paths';
import { ReportStatusTag, TimelinessTag } from './report-tags';
import { reportFiles, reportKeys, reportsApi, useReport, useReportChange } from './reports-api';
import { ConflictAlert, FieldError } from '../../app/editing-notes';

/**
 * What is typed and not saved yet: only the fields changed. A number or percentage not yet a number
 * is kept as typed (a string), with the reason beside it.
 */
interface Changes {
  values: Record<string, TypedValue>;
  narratives: Record<string, string>;
  number?: string;
  signer?: string;
}
const noChanges: Changes = { values: {}, narratives: {} };
const changeCount = (c: Changes) => Object.keys(c.values).length + Object.keys(c.narratives).length + (c.number !== undefined ? 1 : 0) + (c.signer !== undefined ? 1 : 0);

type Indicator = ReportDetail['content']['sections'][number]['indicators'][number];
const indicatorsOf = (r: ReportDetail) => new Map(r.content.sections.flatMap((s) => s.indicators).map((i) => [i.key, i]));
const isNumeric = (ind: Indicator | undefined) => ind?.kind === 'number' || ind?.kind === 'percent';

/** Why each changed field would be refused, by its path in the save ("values.ty_le", "narratives.ket_qua", "signer"). */
function changeProblems(r: ReportDetail, c: Changes, lang: string): Record<string, string> {
  const out: Record<string, string> = {};
  const byKey = indicatorsOf(r);
  for (const [key, v] of Object.entries(c.values)) {
    const ind = byKey.get(key);
    const e = ind ? indicatorError(ind, v, lang) : null;
    if (e) out[`values.${key}`] = e;
  }
  for (const n of r.content.narratives) {
    const e = lengthError(c.narratives[n.key], reportLimits.narrative, typedLabel(n.title), lang);
    if (e) out[`narratives.${n.key}`] = e;
  }
  const num = c.number !== undefined ? lengthError(c.number, reportLimits.number, fieldLabels.number!, lang) : null;
  // The number only: "125/BC-UBND" would print "Số: 125/BC-UBND/BC-UBND" (the same words as the server's refusal).
  const notNumber = c.number !== undefined && c.number.trim() !== '' && !isDocumentNumber(c.number) ? codeText('DOCUMENT_NUMBER_INVALID', lang) : null;
  if (num ?? notNumber) out.number = (num ?? notNumber)!;
  const signer = c.signer !== undefined ? lengthError(c.signer, reportLimits.signer, fieldLabels.signer!, lang) : null;
  if (signer) out.signer = signer;
  return out;
}

/** The changes that may be sent: those without a problem, as the save takes them. */
function sendableOf(r: ReportDetail, c: Changes, held: Record<string, string>): Omit<SaveReportBody, 'revision'> {
  const byKey = indicatorsOf(r);
  const values = Object.fromEntries(Object.entries(c.values).filter(([k, v]) => !held[`values.${k}`] && !(isNumeric(byKey.get(k)) && typeof v === 'string')));
  const narratives = Object.fromEntries(Object.entries(c.narratives).filter(([k]) => !held[`narratives.${k}`]));
  return {
    ...(Object.keys(values).length ? { values } : {}),
    ...(Object.keys(narratives).length ? { narratives } : {}),
    ...(c.number !== undefined && !held.number ? { number: c.number.trim() || null } : {}),
    ...(c.signer !== undefined && !held.signer ? { signer: c.signer.trim() || null } : {}),
  };
}

/** The changes left once `sent` is saved: a field changed again meanwhile stays. */
function withoutSent(c: Changes, sent: Omit<SaveReportBody, 'revision'>): Changes {
  const values = { ...c.values };
  for (const [k, v] of Object.entries(sent.values ?? {})) if (values[k] === v) delete values[k];
  const narratives = { ...c.narratives };
  for (const [k, v] of Object.entries(sent.narratives ?? {})) if (narratives[k] === v) delete narratives[k];
  return {
    values,
    narratives,
    number: sent.number !== undefined && (c.number ?? '').trim() === (sent.number ?? '') ? undefined : c.number,
    signer: sent.signer !== undefined && (c.signer ?? '').trim() === (sent.signer ?? '') ? undefined : c.signer,
  };
}

/** The changes the report does not hold yet: a change equal to what is stored is dropped. */
function withoutStoredChanges(c: Changes, r: ReportDetail): Changes {
  const norm = (v: string | null | undefined) => v?.trim() || null;
  return {
    values: Object.fromEntries(Object.entries(c.values).filter(([k, v]) => (typeof v === 'string' ? norm(v) : v) !== (r.values[k]?.typed ?? null))),
    narratives: Object.fromEntries(Object.entries(c.narratives).filter(([k, v]) => v !== (r.narratives[k] ?? ''))),
    number: c.number !== undefined && norm(c.number) !== r.number ? c.number : undefined,
    signer: c.signer !== undefined && norm(c.signer) !== r.signer ? c.signer : undefined,
  };
}

/** The server's refusals of a save, by path, in the reader's language. */
function refusedFields(err: unknown, lang: string): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(err.fields.map((f) => [f.path, lang.startsWith('en') ? f.messageEn : f.message]));
}

/** A field's reason under it. */
/** The banners above the report: returned with its reason, locked, unlocked, figures out of date. */
function Banners({ report, onRefresh, refreshing }: { report: ReportDetail; onRefresh: () => void; refreshing: boolean }) {
  const { t, i18n } = useTranslation();
  const refreshButton = report.allowed.includes('refresh') ? (
    <Button size="small" icon={<SyncOutlined aria-hidden />} loading={refreshing} onClick={onRefresh}>
      {t('reports.editor.refresh')}
    </Button>
  ) : undefined;
  const labels = new Map(report.content.sections.flatMap((s) => s.indicators.map((i) => [i.key, i.label] as const)));
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      {report.status === 'returned' && report.returnedAt && (
        <Alert type="warning" showIcon title={t('reports.editor.returnedBanner', { at: formatDateTime(report.returnedAt), reason: report.returnedReason ?? '' })} />
      )}
      {report.status === 'accepted' && report.acceptedAt && <Alert type="success" showIcon title={t('reports.editor.lockedBanner', { at: formatDateTime(report.acceptedAt) })} />}
      {report.lockException && <Alert type="info" showIcon title={t('reports.editor.lockBanner', { at: formatDateTime(report.lockException.at), reason: report.lockException.reason })} />}
      {report.stale && (
        <Alert
          type="warning"
          showIcon
          title={t(report.allowed.includes('recall') ? 'reports.editor.staleSent' : 'reports.editor.stale')}
          action={refreshButton}
        />
      )}
      {report.figuresOutdated && (
        <Alert
          type="warning"
          showIcon
          title={t('reports.editor.outdated')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {report.outdatedFigures.map((f) => (
                <li key={f.key}>
                  {t('reports.editor.outdatedItem', {
                    label: labels.get(f.key) ?? f.key,
                    stored: formatTyped(f.stored, t, i18n.language),
                    current: formatTyped(f.current, t, i18n.language),
                  })}
                </li>
              ))}
            </ul>
          }
          // One refresh does both: with the children's figures stale too, the button stands on that banner.
          action={report.stale ? undefined : refreshButton}
        />
      )}
    </Flex>
  );
}

/** The children's reports: status, lateness and each figure they sent. */
function ChildrenTable({ report }: { report: ReportDetail }) {
  const { t, i18n } = useTranslation();
  const indicators = report.content.sections.flatMap((s) => s.indicators.filter((i) => i.kind === 'number' || i.kind === 'percent'));
  return (
    <Table<ReportChild>
      rowKey="unitId"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={report.children}
      columns={[
        {
          title: t('reports.board.unitCol'),
          key: 'unit',
          fixed: 'left',
          render: (_: unknown, c) => (c.reportId ? <Link to={reportPaths.report(c.reportId)}>{c.unitName}</Link> : c.unitName),
        },
        {
          title: t('reports.editor.childStatus'),
          key: 'status',
          render: (_: unknown, c) => (
            <Flex gap={4} wrap>
              <ReportStatusTag status={c.status} />
              <TimelinessTag daysLate={c.daysLate} />
            </Flex>
          ),
        },
        ...indicators.map((ind) => ({
          title: ind.label,
          key: ind.key,
          align: 'right' as const,
          render: (_: unknown, c: ReportChild) => formatTyped(c.values[ind.key], t, i18n.language, ind.kind),
        })),
      ]}
    />
  );
}

/** /bao-cao/:id — the report editor: figures, text, and the steps of sending and receiving it. */
export default function ReportPage() {
  const id = useRecordId();
  const { t } = useTranslation();
  const report = useReport(id ?? 0);
  if (id === null || isNotFound(report.error)) return <NotFound back={{ to: reportPaths.list, label: t('reports.editor.back') }} />;
  if (report.error) return <ErrorAlert error={report.error} />;
  if (!report.data) return <PageSpinner />;
  return <ReportEditor key={report.data.id} report={report.data} back={t('reports.editor.back')} />;
}

function ReportEditor({ report, back }: { report: ReportDetail; back: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message, modal } = AntdApp.useApp();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const editable = report.allowed.includes('edit');
  const backupKey = `report.${report.id}.${me?.id ?? 0}`;
  // What is typed and not saved yet, restored from this browser when the last visit could not save it.
  const [changes, setChanges] = useState<Changes>(() => {
    const kept = readLocalDraft<Changes>(backupKey);
    return kept && kept.revision === report.revision && editable ? kept.value : noChanges;
  });
  const [restored] = useState(() => changeCount(changes) > 0);
  const changesRef = useRef(changes);
  changesRef.current = changes;
  const [edits, setEdits] = useState(0);
  // The revision the changes are typed on: each save answers the next; another change meanwhile is a conflict.
  const base = useRef(report.revision);
  const [conflict, setConflict] = useState(false);
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<'return' | 'lock' | null>(null);
  const fail = (e: unknown) => void message.error(errorText(e, lang));
  const dirty = changeCount(changes) > 0;

  useEffect(() => {
    if (changeCount(changesRef.current) === 0) base.current = report.revision;
  }, [report.revision]);
  useEffect(() => {
    writeLocalDraft(backupKey, dirty ? { revision: base.current, value: changes } : null);
  }, [backupKey, dirty, changes]);

  const problems = useMemo(() => ({ ...refused, ...changeProblems(report, changes, lang) }), [refused, report, changes, lang]);
  const sendable = sendableOf(report, changes, problems);
  const hasSendable = Object.keys(sendable).length > 0;

  const remember = (r: ReportDetail) => {
    qc.setQueryData(reportKeys.detail(r.id), r);
    void qc.invalidateQueries({ queryKey: ['reports', 'list'] });
    void qc.invalidateQueries({ queryKey: ['reports', 'board'] });
  };
  const saveChanges = async ({ keepalive }: { keepalive: boolean }) => {
    const sent = sendableOf(report, changesRef.current, problems);
    if (Object.keys(sent).length === 0) return;
    try {
      const r = await reportsApi.save(report.id, { revision: base.current, ...sent }, { keepalive });
      base.current = r.revision;
      changesRef.current = withoutSent(changesRef.current, sent);
      setChanges((c) => withoutSent(c, sent));
      remember(r);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REPORT_STALE') {
        // Changed since: when the report already holds what is typed (a save that went through as
        // the tab closed), there is nothing to resolve; else the person chooses.
        const fresh = await reportsApi.get(report.id);
        if (changeCount(withoutStoredChanges(changesRef.current, fresh)) === 0) {
          base.current = fresh.revision;
          changesRef.current = noChanges;
          setChanges(noChanges);
          remember(fresh);
          return;
        }
        setConflict(true);
      }
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        // What the server refused stays in its field with the reason; the rest is sent again.
        setRefused((r) => ({ ...r, ...refusedFields(e, lang) }));
        setEdits((n) => n + 1);
      }
      throw e;
    }
  };
  const autosave = useAutosave({ edits, pending: () => Object.keys(sendableOf(report, changesRef.current, problems)).length > 0, save: saveChanges, enabled: editable && !conflict });
  useUnsavedGuard(dirty, Object.keys(problems).length > 0 ? t('editing.unsavedInvalid') : undefined);

  // Sending keeps what is on screen: what is typed is saved first; a refused value holds it back.
  const submit = useReportChange(async () => {
    if (Object.keys(problems).length > 0) throw new Error(t('editing.fixFirst'));
    if (!(await autosave.flush())) throw new Error(t('editing.failed'));
    if (changeCount(changesRef.current) > 0) throw new Error(t('editing.fixFirst'));
    return reportsApi.submit(report.id);
  });
  const ret = useReportChange((reason: string) => reportsApi.return(report.id, reason));
  const accept = useReportChange(() => reportsApi.accept(report.id));
  const unlock = useReportChange((reason: string) => reportsApi.lockException(report.id, reason));
  const refresh = useReportChange(() => reportsApi.refresh(report.id));
  const recall = useReportChange(() => reportsApi.recall(report.id));

  const change = (f: (c: Changes) => Changes, path: string) => {
    // Kept in this browser at once, so a tab closed right after typing loses nothing.
    const next = f(changesRef.current);
    changesRef.current = next;
    setChanges(next);
    writeLocalDraft(backupKey, { revision: base.current, value: next });
    setRefused((r) => {
      if (!(path in r)) return r;
      const next = { ...r };
      delete next[path];
      return next;
    });
    setEdits((n) => n + 1);
  };
  const flush = () => void autosave.flush();

  /** After a conflict: the report as it now stands, with what the person typed kept on top (or dropped). */
  const resolveConflict = async (keep: boolean) => {
    const fresh = await qc.fetchQuery({ queryKey: reportKeys.detail(report.id), queryFn: () => reportsApi.get(report.id), staleTime: 0 });
    base.current = fresh.revision;
    if (!keep) {
      changesRef.current = noChanges;
      setChanges(noChanges);
    }
    setConflict(false);
    autosave.reset();
    setEdits((n) => n + 1);
  };
  const valueOf = (key: string): TypedValue => (key in changes.values ? changes.values[key]! : (report.values[key]?.typed ?? null));
  const narrativeOf = (key: string) => changes.narratives[key] ?? report.narratives[key] ?? '';
  const numberText = changes.number ?? report.number ?? '';
  const signerText = changes.signer ?? report.signer ?? '';
  const done = (text: string) => () => void message.success(text);
  const confirm = (title: string, content: string, okText: string, run: () => Promise<unknown>) =>
    modal.confirm({ title, content, okText, cancelText: t('common.cancel'), onOk: () => run().catch(fail) });

  const childNarratives = report.children.filter((c) => Object.values(c.narratives).some((n) => n.trim()));
  const hasChildren = report.children.length > 0;
  const outdated = new Map(report.outdatedFigures.map((f) => [f.key, f.current]));

  return (
    <>
      <PageHeader
        title={`${report.templateName} — ${report.periodLabel}`}
        subtitle={
          <Link to={`${reportPaths.list}?mau=${report.templateId}&ky=${report.periodKey}&dv=${report.unitId}`}>
            <ArrowLeftOutlined aria-hidden /> {back}
          </Link>
        }
      />
      <Banners report={report} refreshing={refresh.isPending} onRefresh={() => void refresh.mutateAsync(undefined).then(done(t('reports.editor.refreshed')), fail)} />
      {(conflict || (restored && dirty)) && (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          {restored && dirty && <Alert type="info" showIcon title={t('editing.restored')} />}
          {conflict && <ConflictAlert onResolve={(keep) => void resolveConflict(keep)} />}
        </Flex>
      )}

      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'unit', label: t('reports.editor.unit'), children: report.unitName },
            { key: 'status', label: t('reports.editor.childStatus'), children: <ReportStatusTag status={report.status} /> },
            { key: 'due', label: t('reports.editor.due'), children: formatDate(report.dueDate) },
            ...(report.recipientUnitName ? [{ key: 'to', label: t('reports.editor.recipient'), children: report.recipientUnitName }] : []),
            {
              key: 'sent',
              label: t('reports.editor.submittedAt'),
              children: report.submittedAt ? (
                <Space wrap size={4}>
                  {formatDateTime(report.submittedAt)}
                  <TimelinessTag daysLate={report.daysLate} />
                </Space>
              ) : (
                '—'
              ),
            },
            ...(report.consolidatedAt ? [{ key: 'cons', label: t('reports.editor.consolidatedAt'), children: formatDateTime(report.consolidatedAt) }] : []),
          ]}
        />
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} md={8}>
            <label htmlFor="report-number" style={{ display: 'block', marginBottom: 4 }}>
              {t('reports.editor.number')}
            </label>
            <Input
              id="report-number"
              disabled={!editable}
              count={editable ? limitCount(reportLimits.number, lang) : undefined}
              status={problems.number ? 'error' : undefined}
              aria-invalid={problems.number ? true : undefined}
              inputMode="numeric"
              aria-describedby={problems.number ? 'report-number-error' : 'report-number-help'}
              value={numberText}
              onChange={(e) => change((c) => ({ ...c, number: e.target.value }), 'number')}
              onBlur={flush}
            />
            <FieldError id="report-number-error" text={problems.number} />
            {!problems.number && (
              <Typography.Text id="report-number-help" type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {editable ? `${t('reports.editor.numberHint', { code: report.referenceCode })} ` : ''}
                {t('reports.editor.numberPreview', { text: referenceText(numberText.trim() || null, report.referenceCode) })}
                {editable && numberText.trim() === '' ? ` ${t('reports.editor.numberBlank')}` : ''}
              </Typography.Text>
            )}
          </Col>
          <Col xs={24} md={8}>
            <label htmlFor="report-signer" style={{ display: 'block', marginBottom: 4 }}>
              {t('reports.editor.signer')}
            </label>
            <Input
              id="report-signer"
              disabled={!editable}
              count={editable ? limitCount(reportLimits.signer, lang) : undefined}
              status={problems.signer ? 'error' : undefined}
              aria-invalid={problems.signer ? true : undefined}
              placeholder={report.defaultSigner ?? undefined}
              aria-describedby={problems.signer ? 'report-signer-error' : signerText.trim() === '' ? 'report-signer-help' : undefined}
              value={signerText}
              onChange={(e) => change((c) => ({ ...c, signer: e.target.value }), 'signer')}
              onBlur={flush}
            />
            <FieldError id="report-signer-error" text={problems.signer} />
            {!problems.signer && signerText.trim() === '' && (
              <Typography.Text id="report-signer-help" type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {report.defaultSigner ? t('reports.editor.signerHint', { name: report.defaultSigner }) : t('reports.editor.signerHintNone')}
              </Typography.Text>
            )}
          </Col>
        </Row>
        {!editable && report.allowed.length === 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('reports.editor.readOnly')}
          </Typography.Paragraph>
        )}
      </Card>

      {report.content.sections.length === 0 && <Alert type="info" title={t('reports.editor.noIndicators')} style={{ marginBottom: 16 }} />}
      {report.content.sections.map((s) => (
        <Card key={s.key} size="small" title={s.title} style={{ marginBottom: 16 }}>
          <Flex vertical gap={0}>
            {s.indicators.map((ind) => {
              const v = report.values[ind.key];
              return (
                <Row key={ind.key} gutter={[12, 4]} align="middle" style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
                  <Col xs={24} md={12}>
                    {ind.label}
                  </Col>
                  <Col xs={24} md={12}>
                    <Flex gap={8} wrap align="center">
                      <IndicatorInput
                        def={ind}
                        disabled={!editable}
                        value={valueOf(ind.key)}
                        error={problems[`values.${ind.key}`]}
                        onChange={(x) => change((c) => ({ ...c, values: { ...c.values, [ind.key]: x } }), `values.${ind.key}`)}
                        onBlur={flush}
                      />
                      {v?.computed !== null && v?.computed !== undefined && (
                        <Typography.Text type="secondary">{t('reports.editor.computed', { n: formatTyped(v.computed, t, lang, ind.kind) })}</Typography.Text>
                      )}
                      {outdated.has(ind.key) && <Typography.Text type="warning">{t('reports.editor.computedNow', { n: formatTyped(outdated.get(ind.key)!, t, i18n.language) })}</Typography.Text>}
                      {v?.consolidated !== null && v?.consolidated !== undefined && (
                        <Typography.Text type="secondary">{t(ind.kind === 'boolean' ? 'reports.editor.consolidatedYes' : 'reports.editor.consolidated', { n: formatTyped(v.consolidated, t, lang, ind.kind) })}</Typography.Text>
                      )}
                    </Flex>
                  </Col>
                </Row>
              );
            })}
          </Flex>
        </Card>
      ))}

      {report.content.narratives.length > 0 && (
        <Card size="small" title={t('reports.editor.narratives')} style={{ marginBottom: 16 }}>
          {report.content.narratives.map((n) => (
            <Row key={n.key} gutter={[16, 8]} style={{ marginBottom: 16 }}>
              <Col xs={24} lg={childNarratives.length > 0 ? 14 : 24}>
                <label htmlFor={`narrative-${n.key}`} style={{ display: 'block', marginBottom: 4, fontWeight: 500 }}>
                  {n.title}
                </label>
                <Input.TextArea
                  id={`narrative-${n.key}`}
                  disabled={!editable}
                  autoSize={{ minRows: 4, maxRows: 16 }}
                  count={editable ? limitCount(reportLimits.narrative, lang) : undefined}
                  status={problems[`narratives.${n.key}`] ? 'error' : undefined}
                  aria-invalid={problems[`narratives.${n.key}`] ? true : undefined}
                  aria-describedby={problems[`narratives.${n.key}`] ? `narrative-${n.key}-error` : undefined}
                  value={narrativeOf(n.key)}
                  onChange={(e) => change((c) => ({ ...c, narratives: { ...c.narratives, [n.key]: e.target.value } }), `narratives.${n.key}`)}
                  onBlur={flush}
                />
                <div style={{ marginTop: 20 }}>
                  <FieldError id={`narrative-${n.key}-error`} text={problems[`narratives.${n.key}`]} />
                </div>
              </Col>
              {childNarratives.length > 0 && (
                <Col xs={24} lg={10}>
                  <Typography.Text type="secondary">{t('reports.editor.childNarratives')}</Typography.Text>
                  <div style={{ maxHeight: 320, overflowY: 'auto', marginTop: 4 }}>
                    {childNarratives.map((c) => (
                      <div key={c.unitId} style={{ marginBottom: 8 }}>
                        <Typography.Text strong>{c.unitName}</Typography.Text>
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.narratives[n.key]?.trim() || t('reports.editor.childNone')}</Typography.Paragraph>
                      </div>
                    ))}
                  </div>
                </Col>
              )}
            </Row>
          ))}
        </Card>
      )}

      {hasChildren && (
        <Card size="small" title={t('reports.editor.children')} style={{ marginBottom: 16 }}>
          <ChildrenTable report={report} />
        </Card>
      )}

      <Card size="small" style={{ marginBottom: 16 }}>
        {/* One line of fixed height: the buttons below do not move while the state changes under a click. */}
        {editable && (
          <div style={{ minHeight: 22, marginBottom: 8, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            <SaveStatus state={autosave.state} waiting={hasSendable} invalid={Object.keys(problems).length} />
          </div>
        )}
        <Flex gap={8} wrap align="center">
          {editable && (
            <Button
              icon={<SaveOutlined aria-hidden />}
              disabled={conflict}
              onClick={() => void autosave.flush().then((ok) => ok && Object.keys(problems).length === 0 && done(t('reports.editor.saved'))())}
            >
              {t('reports.editor.save')}
            </Button>
          )}
          {report.allowed.includes('submit') && (
            <Button
              type="primary"
              icon={<SendOutlined aria-hidden />}
              loading={submit.isPending}
              onClick={() =>
                confirm(
                  t('reports.editor.submitTitle'),
                  [t('reports.editor.submitText'), ...(report.figuresOutdated ? [t('reports.editor.submitOutdated')] : [])].join(' '),
                  t('reports.editor.submit'),
                  () => submit.mutateAsync(undefined).then(done(t('reports.editor.submitted'))),
                )
              }
            >
              {t('reports.editor.submit')}
            </Button>
          )}
          {report.allowed.includes('recall') && (
            <Button
              icon={<RollbackOutlined aria-hidden />}
              loading={recall.isPending}
              onClick={() => confirm(t('reports.editor.recallTitle'), t('reports.editor.recallText'), t('reports.editor.recall'), () => recall.mutateAsync(undefined).then(done(t('reports.editor.recalled'))))}
            >
              {t('reports.editor.recall')}
            </Button>
          )}
          {report.allowed.includes('return') && (
            <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setAsking('return')}>
              {t('reports.editor.return')}
            </Button>
          )}
          {report.allowed.includes('accept') && (
            <Button
              type="primary"
              icon={<CheckOutlined aria-hidden />}
              loading={accept.isPending}
              onClick={() => confirm(t('reports.editor.acceptTitle'), t('reports.editor.acceptText'), t('reports.editor.accept'), () => accept.mutateAsync(undefined).then(done(t('reports.editor.accepted'))))}
            >
              {t('reports.editor.accept')}
            </Button>
          )}
          {report.allowed.includes('grantLockException') && (
            <Button icon={<UnlockOutlined aria-hidden />} onClick={() => setAsking('lock')}>
              {t('reports.editor.lockException')}
            </Button>
          )}
        </Flex>
        <Flex gap={8} wrap align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('reports.editor.download')}:</Typography.Text>
          <Button href={reportFiles.docx(report.id)} download icon={<DownloadOutlined aria-hidden />}>
            {t('reports.editor.docx')}
          </Button>
          <Button href={reportFiles.pdf(report.id)} download icon={<DownloadOutlined aria-hidden />}>
            {t('reports.editor.pdf')}
          </Button>
          {hasChildren && (
            <Button href={reportFiles.children(report.id)} download icon={<DownloadOutlined aria-hidden />}>
              {t('reports.editor.xlsx')}
            </Button>
          )}
        </Flex>
      </Card>

      <ReasonModal
        open={asking === 'return'}
        title={t('reports.editor.returnTitle')}
        okText={t('reports.editor.return')}
        onCancel={() => setAsking(null)}
        onSubmit={async (reason) => {
          await ret.mutateAsync(reason);
          setAsking(null);
          void message.success(t('reports.editor.returned'));
        }}
      />
      <ReasonModal
        open={asking === 'lock'}
        title={t('reports.editor.lockTitle')}
        okText={t('reports.editor.lockException')}
        onCancel={() => setAsking(null)}
        onSubmit={async (reason) => {
          await unlock.mutateAsync(reason);
          setAsking(null);
          void message.success(t('reports.editor.unlocked'));
        }}
      />
    </>
  );
}
