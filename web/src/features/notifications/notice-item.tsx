import type { NotificationView } from '@thidua/contracts';
import { Button, Flex, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { Muted } from '../../app/text';
import { tagColors } from '../../app/theme';

/**
 * One notice in the bell's drawer and on the notification page: its title opens it (and marks it
 * read), the body as written (reason, classification on their own lines), the time in Vietnam, and
 * "mark read" under it so that a phone's narrow width keeps the text readable.
 */
export function NoticeItem({ n, group, onOpen, onMarkRead }: { n: NotificationView; group?: string; onOpen: () => void; onMarkRead: () => void }) {
  const { t } = useTranslation();
  return (
    <List.Item>
      <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
        <Space size={6} wrap>
          <Button type="link" style={{ padding: 0, height: 'auto', fontWeight: n.readAt ? 400 : 600, whiteSpace: 'normal', textAlign: 'start' }} onClick={onOpen}>
            {n.title}
          </Button>
          {!n.readAt && <Tag color={tagColors.info}>{t('notifications.unread')}</Tag>}
        </Space>
        <div style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere', color: 'rgba(0, 0, 0, 0.88)' }}>{n.body}</div>
        <Flex wrap align="center" gap={8}>
          <Muted>
            <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, { seconds: false })}</time>
          </Muted>
          {group && <Tag>{group}</Tag>}
          {!n.readAt && (
            <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={onMarkRead}>
              {t('notifications.markRead')}
            </Button>
          )}
        </Flex>
      </Flex>
    </List.Item>
  );
}
