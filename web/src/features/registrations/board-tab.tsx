import { BellOutlined } from '@ant-design/icons';
import type { BoardCounts, BoardScope, Me } from '@thidua/contracts';
import { Alert, App as AntdApp, Button, Card, Col, Flex, Grid, List, Progress, Row, Skeleton, Table, Typography } from 'antd';
import { formatDateTime, formatNumber, formatPercent, formatTime } from '../../app/format';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../app/api';
import { ErrorAlert } from '../../app/forms';
import { UnitPicker } from '../org/unit-picker';
import { MissingList } from './missing-list';
import { labelStyle, MovementYearPicker } from './movement-year-picker';
import { registrationsApi, useBoard, useMovementOptions, useRegistrationChange, type BoardKey } from './registrations-api';
import { effectiveChoice, type Selection } from './selection';
import { firstUnitWith } from './unit-registration-tab';

const at = (iso: string) => formatDateTime(iso, { seconds: false });

/** One row of the board: a child unit, the unit's own staff, or a block. */
interface BoardLine extends BoardCounts {
  key: string;
  name: string;
  /** Where its missing list looks. */
  unitId: number;
  scope: BoardScope;
  blockId?: number;
  remind?: { unitId: number; lastRemindedAt: string | null; canRemind: boolean };
}

/** Registered of expected as a bar and "x/y"; "Không có" when nothing is expected. */
function Rate({ registered, expected, rate, what }: { registered: number; expected: number; rate: number | null; what: string }) {
  const { t, i18n } = useTranslation();
  if (rate === null) return <Typography.Text type="secondary">{t('registrations.board.nothingExpected')}</Typography.Text>;
  return (
    <div style={{ minWidth: 140 }}>
      <Progress
        percent={rate}
        size="small"
        format={(p) => formatPercent(p ?? 0, i18n.language)}
        aria-label={t('registrations.board.rateLabel', { what, rate: formatPercent(rate, i18n.language) })}
        status={rate >= 100 ? 'success' : 'normal'}
      />
      <Typography.Text type="secondary">{t('registrations.board.ratio', { registered: formatNumber(registered, i18n.language), expected: formatNumber(expected, i18n.language) })}</Typography.Text>
    </div>
  );
}

/** "Nhắc đăng ký" with a confirmation, and when the unit was last reminded. */
function RemindButton({ board, line }: { board: BoardKey; line: BoardLine & { remind: NonNullable<BoardLine['remind']> } }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = AntdApp.useApp();
  const remind = useRegistrationChange(() => registrationsApi.remind({ movementId: board.movementId, year: board.year, unitIds: [line.remind.unitId] }));
  const confirm = () =>
    modal.confirm({
      title: t('registrations.board.remindTitle', { unit: line.name }),
      content: t('registrations.board.remindText'),
      okText: t('registrations.board.remindOk'),
      cancelText: t('common.cancel'),
      onOk: () =>
        remind.mutateAsync(undefined).then(
          () => void message.success(t('registrations.board.reminded', { unit: line.name })),
          (e: unknown) => {
            const units = e instanceof ApiError && e.code === 'REMINDER_TOO_SOON' ? (e.details?.units as { remindedAt: string; nextAllowedAt: string }[] | undefined) : undefined;
            const first = units?.[0];
            void message.error(
              first ? t('registrations.board.tooSoon', { unit: line.name, at: at(first.remindedAt), next: formatTime(first.nextAllowedAt) }) : errorText(e, i18n.language),
            );
          },
        ),
    });
  return (
    <Flex vertical gap={4} align="start">
      {line.remind.canRemind && (
        <Button size="small" icon={<BellOutlined aria-hidden />} loading={remind.isPending} onClick={confirm} aria-label={`${t('registrations.board.remind')}: ${line.name}`}>
          {t('registrations.board.remind')}
        </Button>
      )}
      {line.remind.lastRemindedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('registrations.board.remindedAt', { at: at(line.remind.lastRemindedAt) })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The lines of one section: a table with expandable missing lists on wide screens, cards on a phone. */
function BoardLines({ board, lines, firstColumn, empty }: { board: BoardKey; lines: BoardLine[]; firstColumn: string; empty?: string }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = !(screens.md ?? true);
  const [open, setOpen] = useState<string[]>([]);
  const toggle = (key: string) => setOpen((o) => (o.includes(key) ? o.filter((k) => k !== key) : [...o, key]));
  const missing = (l: BoardLine) => <MissingList board={board} unitId={l.unitId} scope={l.scope} blockId={l.blockId} />;
  const hasRemind = lines.some((l) => l.remind);
  const rates = (l: BoardLine): [string, ReactNode][] => [
    [t('registrations.board.people'), <Rate key="p" what={t('registrations.board.people')} registered={l.registeredPeople} expected={l.expectedPeople} rate={l.peopleRate} />],
    [t('registrations.board.units'), <Rate key="u" what={t('registrations.board.units')} registered={l.registeredUnits} expected={l.expectedUnits} rate={l.unitRate} />],
  ];

  if (phone) {
    return (
      <List
        dataSource={lines}
        locale={{ emptyText: empty ?? t('common.noResults') }}
        renderItem={(l) => (
          <List.Item key={l.key} style={{ display: 'block' }}>
            <Typography.Text strong>{l.name}</Typography.Text>
            {rates(l).map(([label, node]) => (
              <Flex key={label} gap={8} align="center" style={{ marginTop: 6 }}>
                <span style={{ width: 72 }}>{label}</span>
                <div style={{ flex: 1 }}>{node}</div>
              </Flex>
            ))}
            <Flex gap={8} wrap align="start" style={{ marginTop: 8 }}>
              <Button size="small" aria-expanded={open.includes(l.key)} onClick={() => toggle(l.key)}>
                {open.includes(l.key) ? t('registrations.board.hideMissing') : t('registrations.board.showMissing')}
              </Button>
              {l.remind && <RemindButton board={board} line={{ ...l, remind: l.remind }} />}
            </Flex>
            {open.includes(l.key) && missing(l)}
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<BoardLine>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={lines}
      locale={{ emptyText: empty ?? t('common.noResults') }}
      expandable={{
        expandedRowKeys: open,
        onExpand: (_, l) => toggle(l.key),
        expandedRowRender: missing,
        rowExpandable: (l) => l.registeredPeople < l.expectedPeople || l.registeredUnits < l.expectedUnits,
      }}
      columns={[
        { title: firstColumn, dataIndex: 'name' },
        { title: t('registrations.board.people'), key: 'people', width: 220, render: (_: unknown, l) => rates(l)[0]![1] },
        { title: t('registrations.board.units'), key: 'units', width: 220, render: (_: unknown, l) => rates(l)[1]![1] },
        ...(hasRemind
          ? [{ title: t('registrations.board.remind'), key: 'remind', width: 210, render: (_: unknown, l: BoardLine) => (l.remind ? <RemindButton board={board} line={{ ...l, remind: l.remind }} /> : null) }]
          : []),
      ]}
    />
  );
}

/** "Theo dõi": registration progress per child unit and per block, who has not registered, and reminders. */
export function BoardTab({ selection, me }: { selection: Selection; me: Me }) {
  const { t } = useTranslation();
  const unitId = selection.unitId ?? firstUnitWith(me, 'unit.read');
  const movements = useMovementOptions(unitId);
  const { movement, year } = effectiveChoice(movements.data?.items, selection.movementId, selection.year);
  const key = unitId && movement && year ? { unitId, movementId: movement.id, year } : null;
  const board = useBoard(key);
  const data = board.data;

  const unitLines: BoardLine[] = (data?.rows ?? []).map((r) => ({
    ...r,
    key: `u${r.unitId}-${r.scope}`,
    name: r.scope === 'direct' && (data?.rows.length ?? 0) > 1 ? t('registrations.board.ownStaff', { name: r.name }) : r.name,
    remind: { unitId: r.unitId, lastRemindedAt: r.lastRemindedAt, canRemind: r.canRemind },
  }));
  const blockLines: BoardLine[] = (data?.blocks ?? []).map((b) => ({
    ...b,
    key: `b${b.blockId}`,
    unitId: data!.unit.id,
    scope: 'subtree',
    blockId: b.blockId,
  }));

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={10} xl={10}>
          <label htmlFor="board-unit" style={labelStyle}>
            {t('registrations.pick.unit')}
          </label>
          <UnitPicker id="board-unit" aria-label={t('registrations.pick.unit')} value={unitId ?? null} allowClear={false} onChange={(v) => selection.set({ unitId: v })} />
        </Col>
        <MovementYearPicker
          movements={movements.data?.items ?? []}
          loading={movements.isLoading}
          movement={movement}
          year={year}
          onChange={(movementId, y) => selection.set({ movementId, year: y })}
        />
      </Row>
      {!unitId ? (
        <Alert type="info" showIcon title={t('registrations.board.pickUnit')} />
      ) : movements.error ? (
        <ErrorAlert error={movements.error} />
      ) : !movements.isLoading && !movement ? (
        <Alert type="info" showIcon title={t('registrations.pick.noMovement')} />
      ) : board.error ? (
        <ErrorAlert error={board.error} />
      ) : !data || !key ? (
        <Skeleton active />
      ) : (
        <>
          <Card size="small" title={`${t('registrations.board.total')}: ${data.unit.name}`} style={{ marginBottom: 16 }}>
            <Row gutter={[24, 12]}>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t('registrations.board.people')}</Typography.Text>
                <Rate what={t('registrations.board.people')} registered={data.total.registeredPeople} expected={data.total.expectedPeople} rate={data.total.peopleRate} />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t('registrations.board.units')}</Typography.Text>
                <Rate what={t('registrations.board.units')} registered={data.total.registeredUnits} expected={data.total.expectedUnits} rate={data.total.unitRate} />
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('registrations.board.byUnit')} style={{ marginBottom: 16 }}>
            <BoardLines board={key} lines={unitLines} firstColumn={t('registrations.board.unit')} />
          </Card>
          <Card size="small" title={t('registrations.board.byBlock')}>
            <BoardLines board={key} lines={blockLines} firstColumn={t('registrations.board.block')} empty={t('registrations.board.noBlocks')} />
          </Card>
        </>
      )}
    </>
  );
}
