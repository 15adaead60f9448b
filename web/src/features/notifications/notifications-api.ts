import type {
  CalendarTokenCreated,
  CalendarTokenStatus,
  NotificationChannel,
  NotificationPreferences,
  NotificationsPage,
  NotificationView,
  ReadAllResponse,
} from '@thidua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

// The notification centre (thông báo) and the deadlines feed: the calls, their cache keys and hooks.

export const notificationsApi = {
  list: (pageSize: number, quiet = false) => api.get<NotificationsPage>('/api/notifications', { pageSize }, { quiet }),
  page: (q: { page: number; pageSize: number; unread: boolean }) =>
    api.get<NotificationsPage>('/api/notifications', { page: q.page, pageSize: q.pageSize, ...(q.unread ? { unread: 'true' } : {}) }),
  preferences: () => api.get<NotificationPreferences>('/api/notifications/preferences'),
  setPreference: (kind: string, channel: NotificationChannel) =>
    api.put<NotificationPreferences>('/api/notifications/preferences', { preferences: [{ kind, channel }] }),
  markRead: (id: number) => api.post<NotificationView>(`/api/notifications/${id}/read`),
  markAllRead: () => api.post<ReadAllResponse>('/api/notifications/read-all'),
  calendarStatus: () => api.get<CalendarTokenStatus>('/api/calendar/token'),
  rotateCalendar: () => api.post<CalendarTokenCreated>('/api/calendar/token'),
};

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (pageSize: number) => ['notifications', pageSize] as const,
  page: (q: { page: number; pageSize: number; unread: boolean }) => ['notifications', 'page', q] as const,
  preferences: ['notification-preferences'] as const,
  calendar: ['calendar-token'] as const,
};

/** The bell's page of notices. */
export const BELL_PAGE_SIZE = 20;

/** Notices arrive from background jobs: poll once a minute, and whenever the window regains focus. */
export function useNotifications(pageSize = BELL_PAGE_SIZE) {
  return useQuery({ queryKey: notificationKeys.list(pageSize), queryFn: () => notificationsApi.list(pageSize), refetchInterval: 60_000 });
}

/** One page of the notification centre's list, all or only the unread ones. */
export function useNotificationsPage(q: { page: number; pageSize: number; unread: boolean }) {
  return useQuery({ queryKey: notificationKeys.page(q), queryFn: () => notificationsApi.page(q), refetchInterval: 60_000, placeholderData: (prev) => prev });
}

export function usePreferences() {
  return useQuery({ queryKey: notificationKeys.preferences, queryFn: notificationsApi.preferences });
}

export function useSetPreference() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { kind: string; channel: NotificationChannel }) => notificationsApi.setPreference(v.kind, v.channel),
    onSuccess: (prefs) => qc.setQueryData(notificationKeys.preferences, prefs),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => notificationsApi.markRead(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => notificationsApi.markAllRead(),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
