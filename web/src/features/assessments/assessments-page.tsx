import type { AssessmentListView, AssessmentSummary, Me, MovementView } from '@thidua/contracts';
import { Alert, Button, Card, Checkbox, Col, Empty, Flex, List, Row, Select, Table, Tabs, Tag, Tooltip } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '../../app/forms';
import { useListParams } from '../../app/hooks';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { SearchInput } from '../../app/search-input';
import { can, useMe } from '../../app/session';
import { tagColors } from '../../app/theme';
import { UnitPicker } from '../org/unit-picker';
import { assessmentPaths } from './assessment-paths';
import { ClassificationTag, formatPoints, StageTag } from './assessment-tags';
import { assessmentsApi, useAssessmentList, useMovementList, useRememberAssessment } from './assessments-api';
import { appYear } from '../../app/clock';

type Tab = 'mine' | 'review' | 'council';

const labelStyle = { display: 'block', marginBottom: 4, fontWeight: 500 } as const;

/** /danh-gia — my sheets, the head's queue (Chờ tôi chấm) and the council's (Hội đồng xét). */
export default function AssessmentsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  if (!me) return <PageSpinner />;

  const tabs: { key: Tab; label: string; show: boolean }[] = [
    { key: 'mine', label: t('assessments.tabs.mine'), show: me.personId !== null },
    { key: 'review', label: t('assessments.tabs.review'), show: can(me, 'assessment.review') },
    { key: 'council', label: t('assessments.tabs.council'), show: can(me, 'assessment.council') },
  ];
  const shown = tabs.filter((x) => x.show);
  const fromPath: Tab = location.pathname === assessmentPaths.review ? 'review' : location.pathname === assessmentPaths.council ? 'council' : 'mine';
  const active = shown.find((x) => x.key === fromPath)?.key ?? shown[0]?.key ?? 'mine';

  return (
    <>
      <PageHeader title={t('assessments.title')} subtitle={t('assessments.subtitle')} />
      <Card>
        {shown.length === 0 ? (
          <Alert type="info" showIcon title={t('assessments.pick.noPerson')} />
        ) : (
          <Tabs
            activeKey={active}
            onChange={(k) => void navigate(assessmentPaths[k as Tab])}
            items={shown.map((x) => ({
              key: x.key,
              label: x.label,
              children: x.key === 'mine' ? <MySheets me={me} /> : <Queue view={x.key} />,
            }))}
            destroyOnHidden
          />
        )}
      </Card>
    </>
  );
}

/** Years of a movement, newest first, and the one to offer first: this year when inside the movement. */
function yearsOf(m: MovementView | undefined): number[] {
  if (!m) return [];
  return Array.from({ length: m.endYear - m.startYear + 1 }, (_, i) => m.endYear - i);
}
function defaultYear(m: MovementView | undefined): number | undefined {
  if (!m) return undefined;
  const now = appYear();
  return now >= m.startYear && now <= m.endYear ? now : m.endYear;
}

/** Movement and year, side by side (stacked on a phone). */
function MovementYear(props: { movements: MovementView[]; loading: boolean; movementId?: number; year?: number; onChange: (movementId?: number, year?: number) => void; idPrefix: string }) {
  const { t } = useTranslation();
  const movement = props.movements.find((m) => m.id === props.movementId);
  return (
    <>
      <Col xs={24} md={14} xl={10}>
        <label htmlFor={`${props.idPrefix}-movement`} style={labelStyle}>
          {t('assessments.pick.movement')}
        </label>
        <Select<number>
          id={`${props.idPrefix}-movement`}
          aria-label={t('assessments.pick.movement')}
          placeholder={t('assessments.pick.movementPlaceholder')}
          loading={props.loading}
          allowClear
          value={props.movementId}
          onChange={(v) => props.onChange(v, v ? defaultYear(props.movements.find((m) => m.id === v)) : undefined)}
          notFoundContent={t('assessments.pick.noMovement')}
          style={{ width: '100%' }}
          options={props.movements.map((m) => ({ value: m.id, label: `${m.name} (${m.startYear}–${m.endYear})` }))}
        />
      </Col>
      <Col xs={24} sm={12} md={6} xl={4}>
        <label htmlFor={`${props.idPrefix}-year`} style={labelStyle}>
          {t('assessments.pick.year')}
        </label>
        <Select<number>
          id={`${props.idPrefix}-year`}
          aria-label={t('assessments.pick.year')}
          value={props.year}
          disabled={!movement}
          onChange={(v) => props.onChange(props.movementId, v)}
          style={{ width: '100%' }}
          options={yearsOf(movement).map((y) => ({ value: y, label: String(y) }))}
        />
      </Col>
    </>
  );
}

/** "Phiếu của tôi": open the sheet of a movement and year, and the sheets already open. */
function MySheets({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const remember = useRememberAssessment();
  const movements = useMovementList();
  const [movementId, setMovementId] = useState<number | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const list = useAssessmentList({ view: 'mine', page: 1, pageSize: 50 });

  // One movement only: choose it for the user.
  const items = useMemo(() => movements.data?.items ?? [], [movements.data]);
  useEffect(() => {
    if (movementId === undefined && items.length === 1) {
      setMovementId(items[0]!.id);
      setYear(defaultYear(items[0]));
    }
  }, [items, movementId]);

  const open = useMutation({
    mutationFn: () => assessmentsApi.open({ movementId: movementId!, year: year!, personId: me.personId! }),
    onSuccess: (a) => {
      remember(a);
      void navigate(assessmentPaths.sheet(a.id));
    },
  });

  return (
    <>
      <p style={{ marginTop: 0 }}>{t('assessments.pick.hint')}</p>
      <Row gutter={[12, 12]} align="bottom" style={{ marginBottom: 16 }}>
        <MovementYear
          idPrefix="my-sheet"
          movements={items}
          loading={movements.isLoading}
          movementId={movementId}
          year={year}
          onChange={(m, y) => {
            setMovementId(m);
            setYear(y);
            open.reset();
          }}
        />
        <Col xs={24} sm={12} md={4} xl={6}>
          <Button type="primary" disabled={!movementId || !year} loading={open.isPending} onClick={() => open.mutate()} block>
            {t('assessments.pick.open')}
          </Button>
        </Col>
      </Row>
      {open.error ? <ErrorAlert error={open.error} /> : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <h2 style={{ fontSize: 16, margin: '8px 0' }}>{t('assessments.pick.mySheets')}</h2>
      <List<AssessmentSummary>
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('assessments.pick.none')} /> }}
        renderItem={(a) => (
          <List.Item
            actions={[
              <Link key="open" to={assessmentPaths.sheet(a.id)} aria-label={`${t('assessments.list.open')} ${a.movementName} ${a.year}`}>
                {t('assessments.list.open')}
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={
                <Link to={assessmentPaths.sheet(a.id)}>
                  {a.movementName} — {a.year}
                </Link>
              }
              description={
                <Flex wrap gap={8} align="center">
                  <StageTag stage={a.stage} />
                  <span>
                    {t('assessments.list.self')}: {formatPoints(a.selfTotal, i18n.language)}
                  </span>
                  <ClassificationTag a={a} />
                </Flex>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

/** "Chờ tôi chấm" (review) and "Hội đồng xét" (council): filters, the overscore flag column, links to each sheet. */
function Queue({ view }: { view: Exclude<AssessmentListView, 'mine' | 'all'> }) {
  const { t, i18n } = useTranslation();
  const { params, page, pageSize, search, setSearch, q, update } = useListParams();
  const movements = useMovementList();
  const movementId = Number(params.get('movementId')) || undefined;
  const year = Number(params.get('year')) || undefined;
  const unitId = Number(params.get('unitId')) || undefined;
  const flagged = params.get('flagged') === '1';


  const list = useAssessmentList({ view, page, pageSize, movementId, year, unitId, flagged: flagged || undefined, q: q || undefined });
  const lang = i18n.language;

  return (
    <>
      <Row gutter={[12, 12]} align="bottom" style={{ marginBottom: 16 }}>
        <Col xs={24} md={12} xl={8}>
          <SearchInput aria-label={t('common.search')} placeholder={t('assessments.list.search')} allowClear value={search} onChange={(e) => setSearch(e.target.value)} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <UnitPicker aria-label={t('assessments.list.unitFilter')} placeholder={t('assessments.list.unitFilter')} value={unitId ?? null} onChange={(v) => update({ unitId: v ? String(v) : undefined })} includeInactive />
        </Col>
        <MovementYear
          idPrefix={`${view}-queue`}
          movements={movements.data?.items ?? []}
          loading={movements.isLoading}
          movementId={movementId}
          year={year}
          onChange={(m, y) => update({ movementId: m ? String(m) : undefined, year: y ? String(y) : undefined })}
        />
        {view === 'council' && (
          <Col xs={24} md={8} xl={6}>
            <Checkbox checked={flagged} onChange={(e) => update({ flagged: e.target.checked ? '1' : undefined })}>
              {t('assessments.list.onlyFlagged')}
            </Checkbox>
          </Col>
        )}
      </Row>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<AssessmentSummary>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('assessments.list.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => t('assessments.list.total', { n }),
          onChange: (p, ps) => update({ page: p > 1 ? String(p) : undefined, pageSize: ps !== 20 ? String(ps) : undefined }, false),
        }}
        columns={[
          {
            title: t('assessments.list.subject'),
            key: 'subject',
            fixed: 'left',
            width: 190,
            render: (_: unknown, a) => (
              <Link to={assessmentPaths.sheet(a.id)}>
                {a.personName ?? a.unitName}
                {a.personId === null ? <Tag style={{ marginLeft: 6 }}>{t('assessments.list.collective')}</Tag> : null}
              </Link>
            ),
          },
          { title: t('assessments.list.unit'), dataIndex: 'unitName', width: 180 },
          { title: t('assessments.list.movement'), key: 'movement', width: 210, render: (_: unknown, a) => `${a.movementName} — ${a.year}` },
          { title: t('assessments.list.self'), dataIndex: 'selfTotal', width: 80, align: 'right', render: (v: number | null) => formatPoints(v, lang) },
          { title: t('assessments.list.review'), dataIndex: 'reviewTotal', width: 90, align: 'right', render: (v: number | null) => formatPoints(v, lang) },
          {
            title: t('assessments.list.flag'),
            dataIndex: 'overscoreFlag',
            width: 130,
            render: (f: boolean) =>
              f ? (
                <Tooltip title={t('assessments.list.flagHelp')}>
                  <Tag color={tagColors.danger}>{t('assessments.list.flagTag')}</Tag>
                </Tooltip>
              ) : null,
          },
          { title: t('assessments.list.stage'), dataIndex: 'stage', width: 150, render: (_: unknown, a) => <StageTag stage={a.stage} /> },
          { title: t('assessments.list.classification'), key: 'classification', width: 130, render: (_: unknown, a) => <ClassificationTag a={a} /> },
        ]}
      />
    </>
  );
}
