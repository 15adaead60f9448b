import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import { List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/forms';
import { useMissing, type BoardKey } from './registrations-api';
import type { BoardScope } from '@thidua/contracts';

const PAGE_SIZE = 10;

/** Who has not registered in one row of the board (units first, then people), a page at a time. */
export function MissingList({ board, scope, blockId, unitId }: { board: BoardKey; scope: BoardScope; blockId?: number; unitId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const missing = useMissing({ ...board, unitId, scope, blockId, page, pageSize: PAGE_SIZE });
  if (missing.error) return <ErrorAlert error={missing.error} />;
  const total = missing.data?.total ?? 0;
  return (
    <List
      size="small"
      loading={missing.isFetching}
      header={
        <Typography.Text strong>
          {missing.data && total === 0 ? t('registrations.board.allRegistered') : t('registrations.board.missingTotal', { n: total })}
        </Typography.Text>
      }
      dataSource={missing.data?.items ?? []}
      locale={{ emptyText: t('registrations.board.allRegistered') }}
      pagination={total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total, size: 'small', onChange: setPage, showSizeChanger: false } : false}
      renderItem={(item) => (
        <List.Item key={`${item.kind}-${item.id}`}>
          <span>
            {item.kind === 'unit' ? <ApartmentOutlined aria-hidden /> : <UserOutlined aria-hidden />} {item.name}
            {item.kind === 'unit' ? (
              <Typography.Text type="secondary"> — {t('registrations.board.unitMissing')}</Typography.Text>
            ) : (
              <Typography.Text type="secondary"> — {item.unitName}</Typography.Text>
            )}
          </span>
        </List.Item>
      )}
    />
  );
}
