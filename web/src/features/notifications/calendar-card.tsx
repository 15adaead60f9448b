import type { CalendarTokenCreated } from '@thidua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { formatDateTime } from '../../app/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/api';
import { notificationKeys, notificationsApi } from './notifications-api';

/**
 * "Lịch hạn báo cáo (iCalendar)" on the account page: creates the secret feed URL and shows it
 * once (the server keeps only its hash); making a new one retires the old.
 */
export function CalendarCard() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: notificationKeys.calendar, queryFn: notificationsApi.calendarStatus });
  const [created, setCreated] = useState<CalendarTokenCreated | null>(null);
  const rotate = useMutation({
    mutationFn: notificationsApi.rotateCalendar,
    onSuccess: (r) => {
      setCreated(r);
      void qc.invalidateQueries({ queryKey: notificationKeys.calendar });
    },
  });
  const exists = status.data?.exists ?? false;
  const createButton = (
    <Button type={exists ? 'default' : 'primary'} loading={rotate.isPending} onClick={exists ? undefined : () => rotate.mutate()}>
      {exists ? t('notifications.calendar.rotate') : t('notifications.calendar.create')}
    </Button>
  );

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('notifications.calendar.title')}</h2>}>
      <Typography.Paragraph>{t('notifications.calendar.intro')}</Typography.Paragraph>
      {(status.error ?? rotate.error) && <Alert type="error" showIcon title={errorText(status.error ?? rotate.error, i18n.language)} style={{ marginBottom: 12 }} />}
      {created ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('notifications.calendar.urlLabel')}</Typography.Text>
          <Typography.Text code copyable={{ text: created.url, tooltips: [t('notifications.calendar.copy'), t('notifications.calendar.copied')] }} style={{ wordBreak: 'break-all' }}>
            {created.url}
          </Typography.Text>
          <Typography.Text type="secondary">{t('notifications.calendar.keepSecret')}</Typography.Text>
        </Space>
      ) : (
        <Typography.Paragraph type="secondary">
          {exists ? t('notifications.calendar.exists', { date: formatDateTime(status.data?.createdAt, { seconds: false }) }) : t('notifications.calendar.none')}
        </Typography.Paragraph>
      )}
      <div style={{ marginTop: 12 }}>
        {exists ? (
          <Popconfirm title={t('notifications.calendar.rotateWarning')} onConfirm={() => rotate.mutate()} okText={t('notifications.calendar.rotate')} cancelText={t('common.cancel')}>
            {createButton}
          </Popconfirm>
        ) : (
          createButton
        )}
      </div>
    </Card>
  );
}
