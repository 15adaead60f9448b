import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Select, Tabs, Typography } from 'antd';
import { useAddressParams } from '../../app/hooks';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../app/page-header';
import { PageSpinner } from '../../app/page-spinner';
import { useMe } from '../../app/session';
import { UnitPicker } from '../org/unit-picker';
import { useMovements } from '../plans/plans-api';
import { useDashboard, type DashboardKey } from './dashboard-api';
import { Overview } from './overview';
import { Rankings, type RankingMode } from './rankings';
import { appYear } from '../../app/clock';

const labelStyle = { display: 'block', marginBottom: 4, fontWeight: 500 } as const;

// The choices live in the address (?m=&y=&u=&tab=&rk=&b=), so a link or a reload keeps them.
function useChoices() {
  const [params, set] = useAddressParams();
  const num = (k: string) => Number(params.get(k)) || undefined;
  return {
    movementId: num('m'),
    year: num('y'),
    unitId: num('u'),
    tab: params.get('tab') === 'rankings' ? ('rankings' as const) : ('overview' as const),
    rankingMode: params.get('rk') === 'unit' ? ('unit' as const) : ('block' as const),
    blockId: num('b'),
    set,
  };
}

/** /tong-hop — the dashboard of a level: registration, progress, classification, sub-units, blocks; and the rankings. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const movements = useMovements();
  const c = useChoices();

  const items = movements.data?.items ?? [];
  const movement = items.find((m) => m.id === c.movementId) ?? items[0];
  const now = appYear();
  const year = movement ? (c.year !== undefined && c.year >= movement.startYear && c.year <= movement.endYear ? c.year : Math.min(Math.max(now, movement.startYear), movement.endYear)) : undefined;
  const unitId = c.unitId ?? me?.grants[0]?.unitId;
  const key: DashboardKey | null = movement && year !== undefined && unitId !== undefined ? { movementId: movement.id, year, unitId } : null;
  const dashboard = useDashboard(c.tab === 'overview' ? key : null);

  if (!me || movements.isLoading) return <PageSpinner />;
  const years = movement ? Array.from({ length: movement.endYear - movement.startYear + 1 }, (_, i) => movement.startYear + i) : [];

  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} xl={10}>
            <label htmlFor="dashboard-movement" style={labelStyle}>
              {t('dashboard.pick.movement')}
            </label>
            <Select<number>
              id="dashboard-movement"
              aria-label={t('dashboard.pick.movement')}
              placeholder={t('dashboard.pick.movementPlaceholder')}
              value={movement?.id}
              onChange={(v) => c.set({ m: v, y: null })}
              notFoundContent={t('dashboard.pick.noMovement')}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              options={items.map((m) => ({ value: m.id, label: `${m.name} (${m.startYear}–${m.endYear})` }))}
            />
          </Col>
          <Col xs={24} sm={8} md={4} xl={3}>
            <label htmlFor="dashboard-year" style={labelStyle}>
              {t('dashboard.pick.year')}
            </label>
            <Select<number>
              id="dashboard-year"
              aria-label={t('dashboard.pick.year')}
              value={year}
              disabled={!movement}
              onChange={(v) => c.set({ y: v, b: null })}
              style={{ width: '100%' }}
              options={years.map((y) => ({ value: y, label: String(y) }))}
            />
          </Col>
          <Col xs={24} sm={16} md={8} xl={11}>
            <label htmlFor="dashboard-unit" style={labelStyle}>
              {t('dashboard.pick.unit')}
            </label>
            <UnitPicker
              id="dashboard-unit"
              aria-label={t('dashboard.pick.unit')}
              placeholder={t('dashboard.pick.unitPlaceholder')}
              value={unitId ?? null}
              seed={me.grants.map((g) => ({ id: g.unitId, name: g.unitName }))}
              includeInactive
              onChange={(v) => c.set({ u: v })}
              style={{ width: '100%' }}
            />
          </Col>
        </Row>
      </Card>
      {!key ? (
        <Alert type="info" showIcon message={t('dashboard.chooseFirst')} />
      ) : (
        <Tabs
          activeKey={c.tab}
          onChange={(tab) => c.set({ tab: tab === 'rankings' ? 'rankings' : null })}
          destroyOnHidden
          items={[
            {
              key: 'overview',
              label: t('dashboard.tabs.overview'),
              children: (
                <>
                  {dashboard.error && <ErrorAlert error={dashboard.error} style={{ marginBottom: 16 }} />}
                  {dashboard.isLoading && <PageSpinner />}
                  {dashboard.data && (
                    <Overview
                      view={dashboard.data}
                      k={key}
                      extra={
                        <>
                          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
                            {t('dashboard.liveAt', { at: formatDateTime(dashboard.data.at) })}
                          </Typography.Text>
                          <Button icon={<ReloadOutlined aria-hidden />} loading={dashboard.isFetching} onClick={() => void dashboard.refetch()}>
                            {t('dashboard.refresh')}
                          </Button>
                        </>
                      }
                    />
                  )}
                </>
              ),
            },
            {
              key: 'rankings',
              label: t('dashboard.tabs.rankings'),
              children: (
                <Card>
                  <Rankings
                    movementId={key.movementId}
                    year={key.year}
                    unitId={key.unitId}
                    mode={c.rankingMode as RankingMode}
                    blockId={c.blockId}
                    onChange={(ch) => c.set({ rk: ch.mode === undefined ? undefined : ch.mode === 'unit' ? 'unit' : null, b: ch.blockId })}
                  />
                </Card>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
