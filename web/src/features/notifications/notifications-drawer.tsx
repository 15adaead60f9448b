import type { NotificationView } from '@thidua/contracts';
import { Alert, Button, Drawer, Empty, List } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { paths } from '../../app/paths';
import { errorText } from '../../app/api';
import { NoticeItem } from './notice-item';
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
        renderItem={(n) => <NoticeItem key={n.id} n={n} onOpen={() => void openNotice(n)} onMarkRead={() => markRead.mutate(n.id)} />}
      />
      {data && data.total > data.items.length && (
        <Button block onClick={() => setPageSize((s) => s + PAGE)}>
          {t('notifications.more')}
        </Button>
      )}
      <div style={{ marginTop: 12, textAlign: 'center' }}>
        <Link to={paths.notifications} onClick={onClose}>
          {t('notifications.seeAll')}
        </Link>
      </div>
    </Drawer>
  );
}
