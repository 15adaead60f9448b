import { BellOutlined } from '@ant-design/icons';
import type { ReportBoard, ReportBoardUnit } from '@thidua/contracts';
import { Alert, App as AntdApp, Button, Card, Col, Flex, Grid, List, Row, Select, Skeleton, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../app/api';
import { ErrorAlert } from '../../app/forms';
import { formatDate, formatDateTime } from '../../app/format';
import { labelStyle, type ReportChoice } from './report-pickers';
import { reportPaths } from './report-paths';
import { ReportStatusTag, TimelinessTag } from './report-tags';
import { useRemind, useReportBoard } from './reports-api';
import type { ReportSelection } from './selection';

/** "Nhắc nộp" for one unit or for all the missing ones, after a confirmation naming them. */
function RemindButton({ board, units, label, primary }: { board: ReportBoard; units: ReportBoardUnit[]; label: string; primary?: boolean }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = AntdApp.useApp();
  const remind = useRemind();
  const confirm = () =>
    modal.confirm({
      title: t('reports.board.remindTitle'),
      content: t('reports.board.remindText', { units: units.map((u) => u.unitName).join(', ') }),
      okText: t('reports.board.remindOk'),
      cancelText: t('common.cancel'),
      onOk: () =>
        remind.mutateAsync({ templateId: board.template.id, periodKey: board.period.key, unitIds: units.map((u) => u.unitId) }).then(
          (r) => {
            if (r.reminded.length > 0) void message.success(t('reports.board.reminded', { n: r.reminded.length }));
            if (r.skipped.length > 0) void message.warning(t('reports.board.skipped', { n: r.skipped.length }));
          },
          (e: unknown) => void message.error(errorText(e, i18n.language)),
        ),
    });
  return (
    <Button
      size={primary ? 'middle' : 'small'}
      type={primary ? 'primary' : 'default'}
      icon={<BellOutlined aria-hidden />}
      loading={remind.isPending}
      onClick={confirm}
      aria-label={primary ? label : `${label}: ${units[0]?.unitName ?? ''}`}
    >
      {label}
    </Button>
  );
}

function Contacts({ unit }: { unit: ReportBoardUnit }) {
  const { t } = useTranslation();
  if (unit.contacts.length === 0) return <Typography.Text type="secondary">{t('reports.board.noContact')}</Typography.Text>;
  return <span>{unit.contacts.map((c) => c.name).join(', ')}</span>;
}

/** The unit's name, a link to its report when it has one. */
function UnitName({ unit }: { unit: ReportBoardUnit }) {
  return unit.reportId ? <Link to={reportPaths.report(unit.reportId)}>{unit.unitName}</Link> : <span>{unit.unitName}</span>;
}

/**
 * The block filter: the khối, cụm thi đua of the period's year that take in units reporting here (the
 * board lists them), in the address as ?khoi=; cleared, the board is the whole level's.
 */
function BlockFilter({ board, selection }: { board: ReportBoard | undefined; selection: ReportSelection }) {
  const { t } = useTranslation();
  const options = board?.blocks ?? [];
  // A block named by the address but not among this board's (an old link) still shows by its name.
  const chosen = board?.block && !options.some((b) => b.id === board.block!.id) ? [board.block] : [];
  return (
    <div style={{ maxWidth: 420, marginBottom: 16 }}>
      <label htmlFor="report-block" style={labelStyle}>
        {t('reports.board.block')}
      </label>
      <Select<number>
        id="report-block"
        aria-label={t('reports.board.block')}
        allowClear
        placeholder={t('reports.board.allBlocks')}
        notFoundContent={t('reports.board.noBlock')}
        loading={!board}
        value={selection.blockId}
        onChange={(v) => selection.set({ blockId: v ?? null })}
        style={{ width: '100%' }}
        options={[...chosen, ...options].map((b) => ({ value: b.id, label: b.name }))}
      />
    </div>
  );
}

/** "Theo dõi nộp báo cáo": how many units reported, on time or late, and who has not; by block when chosen. */
export function BoardTab({ choice, selection }: { choice: ReportChoice; selection: ReportSelection }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = !(screens.md ?? true);
  const { template, periodKey, unitId } = choice;
  const blockId = selection.blockId;
  const board = useReportBoard(template && periodKey && unitId ? { templateId: template.id, periodKey, unitId, ...(blockId ? { blockId } : {}) } : null);
  const data = board.data;

  if (!template || !periodKey || !unitId) return <Alert type="info" showIcon title={t('reports.pick.pickAll')} />;
  if (board.error)
    return (
      <>
        <BlockFilter board={data} selection={selection} />
        <ErrorAlert error={board.error} />
      </>
    );
  if (!data) return <Skeleton active />;

  const counts: [string, number][] = [
    [t('reports.board.expected'), data.counts.expected],
    [t('reports.board.submitted'), data.counts.submitted],
    [t('reports.board.onTime'), data.counts.onTime],
    [t('reports.board.late'), data.counts.late],
    [t('reports.board.missing'), data.counts.missing],
    [t('reports.board.returned'), data.counts.returned],
    [t('reports.board.accepted'), data.counts.accepted],
  ];
  const remindable = data.missing.filter((u) => u.contacts.length > 0);

  return (
    <>
      <BlockFilter board={data} selection={selection} />
      <Card size="small" title={`${data.block ? `${data.block.name}, ` : ''}${data.unit.name} — ${data.period.label}`} style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]} role="list" aria-label={t('reports.tabs.board')}>
          {counts.map(([label, n]) => (
            <Col key={label} xs={12} sm={8} md={6} xl={3} role="listitem">
              <Statistic title={label} value={n} />
            </Col>
          ))}
        </Row>
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          {t('reports.board.due', { date: formatDate(data.dueDate) })}. {data.onTimeRule}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {data.expectedRule}
        </Typography.Paragraph>
      </Card>

      <Card
        size="small"
        title={t('reports.board.missingTitle', { n: data.missing.length })}
        extra={data.canRemind && remindable.length > 1 ? <RemindButton board={data} units={remindable} label={t('reports.board.remindAll')} primary /> : null}
        style={{ marginBottom: 16 }}
      >
        <List
          dataSource={data.missing}
          locale={{ emptyText: t('reports.board.allSubmitted') }}
          renderItem={(u) => (
            <List.Item key={u.unitId} actions={data.canRemind && u.contacts.length > 0 ? [<RemindButton key="r" board={data} units={[u]} label={t('reports.board.remind')} />] : []}>
              <List.Item.Meta
                title={
                  <Flex gap={8} wrap align="center">
                    <UnitName unit={u} /> <ReportStatusTag status={u.status} />
                  </Flex>
                }
                description={<Contacts unit={u} />}
              />
            </List.Item>
          )}
        />
      </Card>

      <Card size="small" title={t('reports.board.unitsTitle')}>
        {phone ? (
          <List
            dataSource={data.units}
            renderItem={(u) => (
              <List.Item key={u.unitId} style={{ display: 'block' }}>
                <UnitName unit={u} />
                <Flex gap={8} wrap style={{ marginTop: 6 }}>
                  <ReportStatusTag status={u.status} />
                  <TimelinessTag daysLate={u.daysLate} />
                  {u.submittedAt && <Typography.Text type="secondary">{formatDateTime(u.submittedAt)}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Table<ReportBoardUnit>
            rowKey="unitId"
            size="small"
            pagination={data.units.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            dataSource={data.units}
            columns={[
              { title: t('reports.board.unitCol'), key: 'unit', render: (_: unknown, u) => <UnitName unit={u} /> },
              { title: t('reports.board.statusCol'), key: 'status', width: 150, render: (_: unknown, u) => <ReportStatusTag status={u.status} /> },
              { title: t('reports.board.submittedCol'), key: 'at', width: 170, render: (_: unknown, u) => (u.submittedAt ? formatDateTime(u.submittedAt) : '—') },
              { title: t('reports.board.timelinessCol'), key: 'late', width: 170, render: (_: unknown, u) => <TimelinessTag daysLate={u.daysLate} /> },
              { title: t('reports.board.contacts'), key: 'contacts', render: (_: unknown, u) => <Contacts unit={u} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
