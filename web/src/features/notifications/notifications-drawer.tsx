import type { NotificationView } from '@thidua/contracts';
import { Alert, Button, Drawer, Empty, List, Space, Tag } from 'antd';
import { formatDateTime } from '../../app/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../app/api';
import { tagColors } from '../../app/theme';
import { useMarkAllRead, useMarkRead, useNotifications } from './notifications-api';

const PAGE = 20;

/** The notification centre (trung tâm thông báo): my notices, newest first; opening one marks it read. */
export default function NotificationsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [pageSize, setPageSize] = useState(PAGE);
  const { data, error, isLoading } = useNotifications(pageSize);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const openNotice = async (n: NotificationView) => {
    if (!n.readAt) await markRead.mutateAsync(n.id).catch(() => undefined);
    if (n.link) {
      onClose();
      void navigate(n.link);
    }
  };
  const failure = error ?? markRead.error ?? markAll.error;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('notifications.title')}
      size={420}
      extra={
        <Button size="small" onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={!data?.unread}>
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      {failure && <Alert type="error" showIcon title={errorText(failure, i18n.language)} style={{ marginBottom: 12 }} />}
      <List
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
        renderItem={(n) => (
          <List.Item
            key={n.id}
            actions={
              n.readAt
                ? []
                : [
                    <Button key="read" type="link" size="small" onClick={() => markRead.mutate(n.id)}>
                      {t('notifications.markRead')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space size={6} wrap>
                  <Button
                    type="link"
                    style={{ padding: 0, height: 'auto', fontWeight: n.readAt ? 400 : 600, whiteSpace: 'normal', textAlign: 'start' }}
                    onClick={() => void openNotice(n)}
                  >
                    {n.title}
                  </Button>
                  {!n.readAt && <Tag color={tagColors.info}>{t('notifications.unread')}</Tag>}
                </Space>
              }
              description={
                <>
                  <div style={{ color: 'rgba(0, 0, 0, 0.88)', whiteSpace: 'pre-line' }}>{n.body}</div>
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, { seconds: false })}</time>
                </>
              }
            />
          </List.Item>
        )}
      />
      {data && data.total > data.items.length && (
        <Button block onClick={() => setPageSize((s) => s + PAGE)}>
          {t('notifications.more')}
        </Button>
      )}
    </Drawer>
  );
}
