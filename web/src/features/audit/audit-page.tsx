import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEntryView } from '@thidua/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Input, Row, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { DATE_FORMAT, formatDateTime, formatNumber, toIsoDate } from '../../app/format';
import { ErrorAlert } from '../../app/forms';
import { useDebounced } from '../../app/hooks';
import { useLabel } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { isSystemAdmin, useMe } from '../../app/session';
import type { AuditPage as AuditPageData, AuditVerify } from '../../app/types';
import { UnitPicker } from '../org/unit-picker';
import { AuditDiff } from './audit-diff';
import { actionLabels, entityLabels } from './audit-labels';

/** /nhat-ky — the audit log within the user's subtrees, and the chain check for administrators. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { data: me } = useMe();
  const [action, setAction] = useState('');
  const debouncedAction = useDebounced(action.trim(), 350);
  const [entity, setEntity] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);

  const query = {
    page,
    pageSize,
    action: debouncedAction || undefined,
    entity,
    unitId: unitId ?? undefined,
    from: toIsoDate(range?.[0]),
    to: toIsoDate(range?.[1]),
  };
  const list = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<AuditPageData>('/api/audit', query),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.get<AuditVerify>('/api/audit/verify') });

  const resetPage = () => setPage(1);

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          isSystemAdmin(me) ? (
            <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={verify.isPending} onClick={() => verify.mutate()}>
              {t('audit.verify')}
            </Button>
          ) : null
        }
      />
      {verify.data &&
        (verify.data.ok ? (
          <Alert
            type="success"
            showIcon
            role="status"
            closable
            style={{ marginBottom: 16 }}
            title={t('audit.verifyOk', { n: formatNumber(verify.data.checked, i18n.language) })}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={t('audit.verifyBroken', { id: verify.data.firstBrokenId ?? '?' })}
            description={verify.data.problem ?? undefined}
          />
        ))}
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      <Card>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} sm={12} xl={6}>
            <Input
              aria-label={t('audit.action')}
              placeholder={t('audit.actionPlaceholder')}
              allowClear
              value={action}
              onChange={(e) => {
                setAction(e.target.value);
                resetPage();
              }}
            />
          </Col>
          <Col xs={24} sm={12} xl={5}>
            <Select
              aria-label={t('audit.entity')}
              placeholder={t('audit.entity')}
              allowClear
              style={{ width: '100%' }}
              value={entity}
              onChange={(v) => {
                setEntity(v);
                resetPage();
              }}
              options={Object.entries(entityLabels).map(([value, l]) => ({ value, label: label(l) }))}
            />
          </Col>
          <Col xs={24} sm={12} xl={7}>
            <DatePicker.RangePicker
              aria-label={t('audit.dateRange')}
              format={DATE_FORMAT}
              style={{ width: '100%' }}
              value={range}
              placeholder={[t('audit.from'), t('audit.to')]}
              onChange={(v) => {
                setRange(v);
                resetPage();
              }}
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <UnitPicker
              aria-label={t('audit.unit')}
              placeholder={t('audit.unit')}
              includeInactive
              value={unitId}
              onChange={(v) => {
                setUnitId(v);
                resetPage();
              }}
            />
          </Col>
        </Row>
        {list.error ? <ErrorAlert error={list.error} /> : null}
        <Table<AuditEntryView>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('common.noResults') }}
          expandable={{
            columnTitle: <span className="visually-hidden">{t('common.details')}</span>,
            expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} />,
            rowExpandable: (e) => e.before !== null || e.after !== null,
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('audit.total', { n: formatNumber(n, i18n.language) }),
            onChange: (p, ps) => {
              setPage(p);
              setPageSize(ps);
            },
          }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
            {
              title: t('audit.actor'),
              dataIndex: 'actorName',
              width: 180,
              render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              width: 220,
              render: (v: string) => (
                <span>
                  {actionLabels[v] ? label(actionLabels[v]) : v}
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <code>{v}</code>
                  </Typography.Text>
                </span>
              ),
            },
            {
              title: t('audit.entity'),
              key: 'entity',
              width: 160,
              render: (_: unknown, e) => `${entityLabels[e.entity] ? label(entityLabels[e.entity]) : e.entity}${e.entityId ? ` #${e.entityId}` : ''}`,
            },
            { title: t('audit.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
            { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
