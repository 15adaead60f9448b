import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { planStatuses, type PlanDetail, type PlanStatus, type PlanSummary } from '@thidua/contracts';
import { Button, Card, Col, Row, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDate } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { PageHeader } from '../../app/page-header';
import { paths } from '../../app/paths';
import { SearchInput } from '../../app/search-input';
import { can, useMe } from '../../app/session';
import { UnitPicker } from '../org/unit-picker';
import { CreatePlanModal } from './create-plan-modal';
import { ImportPlanModal } from './import-plan-modal';
import { MovementSelect } from './movement-select';
import { MovementsCard } from './movements-card';
import { documentNumber, fold } from './plan-format';
import { PlanStatusTag } from './plan-status-tag';
import { usePlans } from './plans-api';

const isStatus = (s: string | null): s is PlanStatus => s !== null && (planStatuses as readonly string[]).includes(s);

/** /ke-hoach — movements (phong trào) and the plans (kế hoạch) issued for them, filtered in the address bar. */
export default function PlansListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const movementId = Number(params.get('movementId')) || undefined;
  const unitId = Number(params.get('unitId')) || undefined;
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<'import' | 'create' | null>(null);
  const canWrite = can(me, 'plan.write');

  const plans = usePlans({ movementId, unitId, status });
  const items = useMemo(() => plans.data?.items ?? [], [plans.data]);
  const shown = useMemo(() => {
    const q = fold(search.trim());
    if (!q) return items;
    return items.filter((p) => fold(`${documentNumber(p)} ${p.title} ${p.unitName} ${p.movementName}`).includes(q));
  }, [items, search]);
  // A parent plan is named by its number when the user can see it in this list.
  const byId = useMemo(() => new Map(items.map((p) => [p.id, p])), [items]);

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) n.set(k, v);
          else n.delete(k);
        }
        return n;
      },
      { replace: true },
    );

  const open = (plan: PlanDetail) => {
    setDialog(null);
    void navigate(`${paths.plans}/${plan.id}`);
  };

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        subtitle={t('plans.list.subtitle')}
        extra={
          canWrite ? (
            <>
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => setDialog('import')}>
                {t('plans.list.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog('create')}>
                {t('plans.list.create')}
              </Button>
            </>
          ) : null
        }
      />
      <MovementsCard canWrite={canWrite} selectedId={movementId} onPick={(id) => update({ movementId: String(id) })} />
      <Card title={t('plans.list.plans')}>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={12} xl={6}>
            <SearchInput
              aria-label={t('common.search')}
              placeholder={t('plans.list.searchPlaceholder')}
              allowClear
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </Col>
          <Col xs={24} md={12} xl={7}>
            <MovementSelect
              aria-label={t('plans.list.movementFilter')}
              placeholder={t('plans.list.movementFilter')}
              allowClear
              value={movementId ?? null}
              onChange={(v) => update({ movementId: v ? String(v) : undefined })}
            />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <UnitPicker
              aria-label={t('plans.list.unitFilter')}
              placeholder={t('plans.list.unitFilter')}
              value={unitId ?? null}
              onChange={(v) => update({ unitId: v ? String(v) : undefined })}
              includeInactive
            />
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Select<PlanStatus>
              aria-label={t('plans.list.statusFilter')}
              placeholder={t('plans.list.statusFilter')}
              allowClear
              style={{ width: '100%' }}
              value={status}
              onChange={(v) => update({ status: v })}
              options={planStatuses.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
            />
          </Col>
        </Row>
        {plans.error ? <ErrorAlert error={plans.error} /> : null}
        <Table<PlanSummary>
          rowKey="id"
          loading={plans.isFetching}
          dataSource={shown}
          scroll={{ x: 1330 }}
          locale={{ emptyText: t('plans.list.empty') }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100], hideOnSinglePage: true }}
          columns={[
            {
              title: t('plans.list.number'),
              key: 'number',
              width: 140,
              fixed: 'left',
              render: (_: unknown, p) => <Link to={`${paths.plans}/${p.id}`}>{documentNumber(p) || t('plans.list.noNumber')}</Link>,
            },
            { title: t('plans.list.titleColumn'), dataIndex: 'title', width: 320 },
            { title: t('plans.list.issueDate'), dataIndex: 'issueDate', width: 110, render: (v: string | null) => formatDate(v) || '—' },
            { title: t('plans.list.unit'), dataIndex: 'unitName', width: 190 },
            { title: t('plans.list.status'), dataIndex: 'status', width: 120, render: (s: PlanStatus) => <PlanStatusTag status={s} /> },
            { title: t('plans.list.version'), dataIndex: 'version', width: 90, align: 'right' },
            { title: t('plans.list.movement'), dataIndex: 'movementName', width: 220 },
            {
              title: t('plans.list.parent'),
              dataIndex: 'parentPlanId',
              width: 140,
              render: (id: number | null) => {
                if (id === null) return '—';
                const parent = byId.get(id);
                return <Link to={`${paths.plans}/${id}`}>{(parent && documentNumber(parent)) || t('plans.list.planNo', { id })}</Link>;
              },
            },
          ]}
        />
      </Card>
      <ImportPlanModal open={dialog === 'import'} defaults={{ movementId, unitId }} onClose={() => setDialog(null)} onImported={open} />
      <CreatePlanModal open={dialog === 'create'} defaults={{ movementId, unitId }} onClose={() => setDialog(null)} onCreated={open} />
    </>
  );
}
