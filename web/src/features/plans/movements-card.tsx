import { PlusOutlined } from '@ant-design/icons';
import type { MovementKind, MovementView } from '@thidua/contracts';
import { App as AntdApp, Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
import { MovementFormModal } from './movement-form-modal';
import { useMovements } from './plans-api';

/** The movements (phong trào) the user can see; picking one filters the plans below by it. */
export function MovementsCard({ canWrite, selectedId, onPick }: { canWrite: boolean; selectedId?: number; onPick: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const movements = useMovements();
  const [creating, setCreating] = useState(false);

  return (
    <Card
      title={t('plans.movements.title')}
      style={{ marginBottom: 16 }}
      extra={
        canWrite ? (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('plans.movements.create')}
          </Button>
        ) : null
      }
    >
      {movements.error ? <ErrorAlert error={movements.error} /> : null}
      <Table<MovementView>
        rowKey="id"
        size="small"
        loading={movements.isLoading}
        dataSource={movements.data?.items ?? []}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('plans.movements.empty') }}
        rowClassName={(m) => (m.id === selectedId ? 'ant-table-row-selected' : '')}
        columns={[
          {
            title: t('plans.movements.name'),
            dataIndex: 'name',
            render: (v: string, m) => (
              <Typography.Link
                href={`?movementId=${m.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  onPick(m.id);
                }}
              >
                {v}
              </Typography.Link>
            ),
          },
          { title: t('plans.movements.theme'), dataIndex: 'theme', render: (v: string | null) => v ?? '—' },
          { title: t('plans.movements.kind'), dataIndex: 'kind', width: 170, render: (k: MovementKind) => t(`plans.movementKinds.${k}`) },
          {
            title: t('plans.movements.years'),
            key: 'years',
            width: 110,
            render: (_: unknown, m) => (m.startYear === m.endYear ? String(m.startYear) : `${m.startYear}–${m.endYear}`),
          },
          { title: t('plans.movements.owner'), dataIndex: 'ownerUnitName', width: 240 },
        ]}
      />
      <MovementFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(m) => {
          void message.success(t('plans.movements.created', { name: m.name }));
          onPick(m.id);
        }}
      />
    </Card>
  );
}
