import { ArrowLeftOutlined, CheckOutlined, DownloadOutlined, RollbackOutlined, SaveOutlined, SendOutlined, SyncOutlined, UnlockOutlined } from '@ant-design/icons';
import type { ReportChild, ReportDetail } from '@thidua/contracts';
import { Alert, App as AntdApp, Button, Card, Col, Descriptions, Flex, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorText } from '../../app/api';
import { ErrorAlert } from '../../app/forms';
import { formatDate, formatDateTime } from '../../app/format';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { formatTyped, IndicatorInput, type TypedValue } from './indicator-input';
import { ReasonModal } from './reason-modal';
import { reportPaths } from './report-paths';
import { ReportStatusTag, TimelinessTag } from './report-tags';
import { reportFiles, reportsApi, useReport, useReportChange } from './reports-api';

interface Draft {
  values: Record<string, TypedValue>;
  narratives: Record<string, string>;
  number: string;
  signer: string;
}

const draftOf = (r: ReportDetail): Draft => ({
  values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, v.typed])),
  narratives: { ...r.narratives },
  number: r.number ?? '',
  signer: r.signer ?? '',
});

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
          render: (_: unknown, c: ReportChild) => formatTyped(c.values[ind.key], t, i18n.language),
        })),
      ]}
    />
  );
}

/** /bao-cao/:id — the report editor: figures, text, and the steps of sending and receiving it. */
export default function ReportPage() {
  const id = Number(useParams().id);
  const { t } = useTranslation();
  const report = useReport(id);
  if (report.error) return <ErrorAlert error={report.error} />;
  if (!report.data) return <PageSpinner />;
  // A new revision from the server starts the form afresh from what it holds.
  return <ReportEditor key={`${report.data.id}-${report.data.revision}-${report.data.updatedAt}`} report={report.data} back={t('reports.editor.back')} />;
}

function ReportEditor({ report, back }: { report: ReportDetail; back: string }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = AntdApp.useApp();
  const [draft, setDraft] = useState<Draft>(() => draftOf(report));
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState<'return' | 'lock' | null>(null);
  const editable = report.allowed.includes('edit');
  const fail = (e: unknown) => void message.error(errorText(e, i18n.language));

  const bodyOf = () => ({ revision: report.revision, values: draft.values, narratives: draft.narratives, number: draft.number.trim() || null, signer: draft.signer.trim() || null });
  const save = useReportChange(() => reportsApi.save(report.id, bodyOf()));
  // Sending keeps what is on screen: unsaved changes are saved first.
  const submit = useReportChange(async () => {
    if (dirty && editable) await reportsApi.save(report.id, bodyOf());
    return reportsApi.submit(report.id);
  });
  const ret = useReportChange((reason: string) => reportsApi.return(report.id, reason));
  const accept = useReportChange(() => reportsApi.accept(report.id));
  const unlock = useReportChange((reason: string) => reportsApi.lockException(report.id, reason));
  const refresh = useReportChange(() => reportsApi.refresh(report.id));
  const recall = useReportChange(() => reportsApi.recall(report.id));

  const change = (f: (d: Draft) => Draft) => {
    setDraft(f);
    setDirty(true);
  };
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
            <Input id="report-number" disabled={!editable} maxLength={50} value={draft.number} onChange={(e) => change((d) => ({ ...d, number: e.target.value }))} />
          </Col>
          <Col xs={24} md={8}>
            <label htmlFor="report-signer" style={{ display: 'block', marginBottom: 4 }}>
              {t('reports.editor.signer')}
            </label>
            <Input id="report-signer" disabled={!editable} maxLength={200} value={draft.signer} onChange={(e) => change((d) => ({ ...d, signer: e.target.value }))} />
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
                      <IndicatorInput def={ind} disabled={!editable} value={draft.values[ind.key] ?? null} onChange={(x) => change((d) => ({ ...d, values: { ...d.values, [ind.key]: x } }))} />
                      {v?.computed !== null && v?.computed !== undefined && (
                        <Typography.Text type="secondary">{t('reports.editor.computed', { n: formatTyped(v.computed, t, i18n.language) })}</Typography.Text>
                      )}
                      {outdated.has(ind.key) && <Typography.Text type="warning">{t('reports.editor.computedNow', { n: formatTyped(outdated.get(ind.key)!, t, i18n.language) })}</Typography.Text>}
                      {v?.consolidated !== null && v?.consolidated !== undefined && (
                        <Typography.Text type="secondary">{t(ind.kind === 'boolean' ? 'reports.editor.consolidatedYes' : 'reports.editor.consolidated', { n: formatTyped(v.consolidated, t, i18n.language) })}</Typography.Text>
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
                  maxLength={20000}
                  value={draft.narratives[n.key] ?? ''}
                  onChange={(e) => change((d) => ({ ...d, narratives: { ...d.narratives, [n.key]: e.target.value } }))}
                />
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
        <Flex gap={8} wrap align="center">
          {editable && (
            <Button icon={<SaveOutlined aria-hidden />} disabled={!dirty} loading={save.isPending} onClick={() => void save.mutateAsync(undefined).then(done(t('reports.editor.saved')), fail)}>
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
          {dirty && <Tag color="orange">{t('reports.editor.unsaved')}</Tag>}
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
