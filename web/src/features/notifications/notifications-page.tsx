import type { NotificationChannel, NotificationKindPreference, NotificationView } from '@thidua/contracts';
import { notificationChannels } from '@thidua/contracts';
import { Alert, App as AntdApp, Button, Card, Col, Empty, Flex, Grid, List, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../app/api';
import { useAddressParams } from '../../app/hooks';
import { useLabel } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { Muted } from '../../app/text';
import { NoticeItem } from './notice-item';
import { useMarkAllRead, useMarkRead, useNotificationsPage, usePreferences, useSetPreference } from './notifications-api';

const PAGE_SIZE = 20;
const cardTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

/**
 * /thong-bao — the notification centre (trung tâm thông báo): every notice, newest first, all or
 * only the unread (kept in the address), each opening its page and marking itself read; beside it,
 * how each kind of notice reaches me (in the app only, e-mail too, or the daily digest).
 */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const [params, setParams] = useAddressParams();
  const unread = params.get('chua-doc') === '1';
  const page = Number(params.get('trang')) || 1;
  const list = useNotificationsPage({ page, pageSize: PAGE_SIZE, unread });
  const prefs = usePreferences();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const groupOf = new Map((prefs.data?.kinds ?? []).map((k) => [k.kind, k.group]));
  const unreadCount = list.data?.unread ?? 0;

  const openNotice = async (n: NotificationView) => {
    if (!n.readAt) await markRead.mutateAsync(n.id).catch(() => undefined);
    if (n.link) void navigate(n.link);
  };
  const failure = list.error ?? markRead.error ?? markAll.error;

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        extra={
          <Button onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={unreadCount === 0}>
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={14}>
          <Card title={cardTitle(t('notifications.page.listTitle'))}>
            <Radio.Group
              aria-label={t('notifications.page.filter')}
              optionType="button"
              value={unread ? 'unread' : 'all'}
              onChange={(e) => setParams({ 'chua-doc': e.target.value === 'unread' ? '1' : null, trang: null })}
              options={[
                { value: 'all', label: t('notifications.page.all') },
                { value: 'unread', label: t('notifications.page.unreadOnly', { count: unreadCount }) },
              ]}
              style={{ marginBottom: 8 }}
            />
            {failure && <Alert type="error" showIcon title={errorText(failure, i18n.language)} style={{ marginBottom: 12 }} />}
            <List
              loading={list.isLoading}
              dataSource={list.data?.items ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={unread ? t('notifications.page.emptyUnread') : t('notifications.empty')} /> }}
              pagination={
                (list.data?.total ?? 0) > PAGE_SIZE
                  ? { current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, size: 'small', onChange: (p) => setParams({ trang: p === 1 ? null : p }) }
                  : false
              }
              renderItem={(n) => {
                const group = groupOf.get(n.kind);
                return <NoticeItem key={n.id} n={n} group={group ? label(group) : undefined} onOpen={() => void openNotice(n)} onMarkRead={() => markRead.mutate(n.id)} />;
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={10}>
          <PreferencesCard />
        </Col>
      </Row>
    </>
  );
}

/** How each kind of notice reaches me, grouped by capability; a choice is saved at once. */
function PreferencesCard() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { message } = AntdApp.useApp();
  const prefs = usePreferences();
  const save = useSetPreference();
  const wide = Grid.useBreakpoint().sm ?? true;
  const channelName = (c: NotificationChannel) => t(`notifications.prefs.channels.${c}`);

  const groups = new Map<string, NotificationKindPreference[]>();
  for (const k of prefs.data?.kinds ?? []) groups.set(k.group.vi, [...(groups.get(k.group.vi) ?? []), k]);

  const choose = (k: NotificationKindPreference, channel: NotificationChannel) =>
    save.mutate(
      { kind: k.kind, channel },
      { onSuccess: () => void message.success(t('notifications.prefs.saved', { kind: label(k.label), channel: channelName(channel) })) },
    );

  return (
    <Card title={cardTitle(t('notifications.prefs.title'))} loading={prefs.isLoading}>
      <Muted block>{t('notifications.prefs.intro', { time: prefs.data?.digestTime ?? '17:00' })}</Muted>
      {prefs.data && (
        <Muted block>{prefs.data.email ? t('notifications.prefs.email', { email: prefs.data.email }) : t('notifications.prefs.noEmail')}</Muted>
      )}
      {(prefs.error ?? save.error) && <Alert type="error" showIcon title={errorText(prefs.error ?? save.error, i18n.language)} style={{ marginBottom: 12 }} />}
      {[...groups.values()].map((kinds) => (
        <section key={kinds[0]!.group.vi} style={{ marginBottom: 16 }}>
          <h3 style={{ fontSize: 14, margin: '0 0 8px' }}>{label(kinds[0]!.group)}</h3>
          <Flex vertical gap={8}>
            {kinds.map((k) => (
              <Flex key={k.kind} wrap align="center" justify="space-between" gap={8}>
                <span style={{ flex: '1 1 240px', minWidth: 0 }}>{label(k.label)}</span>
                <Select<NotificationChannel>
                  aria-label={t('notifications.prefs.channel', { kind: label(k.label) })}
                  value={k.channel}
                  onChange={(c) => choose(k, c)}
                  disabled={save.isPending && save.variables?.kind === k.kind}
                  style={wide ? { flex: '0 0 270px' } : { width: '100%' }}
                  options={notificationChannels.map((c) => ({
                    value: c,
                    label: c === k.defaultChannel ? t('notifications.prefs.byDefault', { channel: channelName(c) }) : channelName(c),
                  }))}
                />
              </Flex>
            ))}
          </Flex>
        </section>
      ))}
    </Card>
  );
}
