import { EditOutlined, MergeCellsOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { unitKindLabels, type UnitDetail } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { paths } from '../../app/paths';
import { DocumentSettingsSection } from './document-settings-card';
import { unitKeys, unitsApi } from './org-api';
import { UnitStatusTag } from './unit-status-tag';

/** A link-looking button that selects another unit on the same page. */
function UnitLink({ id, name, onSelect }: { id: number; name: string; onSelect: (id: number) => void }) {
  return (
    <Typography.Link
      href={`${paths.units}?id=${id}`}
      onClick={(e) => {
        e.preventDefault();
        onSelect(id);
      }}
    >
      {name}
    </Typography.Link>
  );
}

export function UnitDetailPanel({
  id,
  onSelect,
  onAddChild,
  onEdit,
  onRetire,
}: {
  id: number;
  onSelect: (id: number) => void;
  onAddChild: (u: UnitDetail) => void;
  onEdit: (u: UnitDetail) => void;
  onRetire: (u: UnitDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const q = useQuery({ queryKey: unitKeys.detail(id), queryFn: () => unitsApi.get(id) });

  if (q.isLoading) return <Card><Skeleton active /></Card>;
  if (q.error || !q.data) return <ErrorAlert error={q.error} />;
  const u = q.data;
  const canWrite = u.allowed.includes('unit.write');
  const active = u.status === 'active';

  return (
    <Card
      title={
        <h2 style={{ fontSize: 18, margin: 0, whiteSpace: 'normal' }}>
          {u.name} <UnitStatusTag status={u.status} />
        </h2>
      }
    >
      {u.ancestors.length > 0 && (
        <nav aria-label={t('org.breadcrumb')}>
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={[
              ...u.ancestors.map((a) => ({ key: a.id, title: <UnitLink id={a.id} name={a.name} onSelect={onSelect} /> })),
              { key: u.id, title: u.name },
            ]}
          />
        </nav>
      )}
      {canWrite && (
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          {active && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => onAddChild(u)}>
              {t('org.addChild')}
            </Button>
          )}
          <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(u)}>
            {t('common.edit')}
          </Button>
          {active && (
            <Button danger icon={<MergeCellsOutlined aria-hidden />} onClick={() => onRetire(u)}>
              {t('org.retire')}
            </Button>
          )}
        </Flex>
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        bordered
        items={[
          { key: 'code', label: t('org.code'), children: u.code },
          { key: 'kind', label: t('org.kind'), children: label(unitKindLabels[u.kind]) },
          { key: 'name', label: t('org.name'), children: u.name, span: 'filled' },
          ...(u.shortName ? [{ key: 'short', label: t('org.shortName'), children: u.shortName }] : []),
          {
            key: 'status',
            label: t('org.statusLabel'),
            span: 'filled' as const,
            children: (
              <span>
                <UnitStatusTag status={u.status} />
                {u.successorId && u.successorName && (
                  <>
                    {u.status === 'merged' ? t('org.mergedInto') : t('org.historyTo')}{' '}
                    <UnitLink id={u.successorId} name={u.successorName} onSelect={onSelect} />
                  </>
                )}
              </span>
            ),
          },
          { key: 'from', label: t('org.validFrom'), children: formatDate(u.validFrom) || '—' },
          { key: 'to', label: t('org.validTo'), children: formatDate(u.validTo) || '—' },
          {
            key: 'people',
            label: t('org.peopleCount'),
            children: (
              <Link to={`${paths.people}?unitId=${u.id}`}>
                <TeamOutlined aria-hidden /> {formatNumber(u.peopleCount, i18n.language)}
              </Link>
            ),
          },
          { key: 'children', label: t('org.childCount'), children: formatNumber(u.childCount, i18n.language) },
        ]}
      />
      <DocumentSettingsSection key={u.id} unitId={u.id} unitName={u.name} />
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 20 }}>
        {t('org.predecessors')}
      </Typography.Title>
      {u.predecessors.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noPredecessors')} />
      ) : (
        <ul className="simple-list">
          {u.predecessors.map((p) => (
            <li key={p.id}>
              <UnitLink id={p.id} name={p.name} onSelect={onSelect} />
              <span>
                <UnitStatusTag status={p.status} />
                {p.validTo ? formatDate(p.validTo) : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
