import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifications } from './notifications-api';

// The list is loaded on first open: the header stays light on every page.
const NotificationsDrawer = lazy(() => import('./notifications-drawer'));

/** The bell in the header, with the number of unread notices; opens the notification centre. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useNotifications();
  const [open, setOpen] = useState(false);
  const unread = data?.unread ?? 0;
  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <>
      <Badge count={unread} size="small" offset={[-6, 6]} overflowCount={99}>
        <Button type="text" icon={<BellOutlined aria-hidden />} aria-label={label} title={label} onClick={() => setOpen(true)} />
      </Badge>
      {open && (
        <Suspense fallback={null}>
          <NotificationsDrawer open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
