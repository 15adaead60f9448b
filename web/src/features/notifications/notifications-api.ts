import type { CalendarTokenCreated, CalendarTokenStatus, NotificationsPage, NotificationView, ReadAllResponse } from '@thidua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

// The notification centre (thông báo) and the deadlines feed: the calls, their cache keys and hooks.

export const notificationsApi = {
  list: (pageSize: number) => api.get<NotificationsPage>('/api/notifications', { pageSize }),
  markRead: (id: number) => api.post<NotificationView>(`/api/notifications/${id}/read`),
  markAllRead: () => api.post<ReadAllResponse>('/api/notifications/read-all'),
  calendarStatus: () => api.get<CalendarTokenStatus>('/api/calendar/token'),
  rotateCalendar: () => api.post<CalendarTokenCreated>('/api/calendar/token'),
};

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (pageSize: number) => ['notifications', pageSize] as const,
  calendar: ['calendar-token'] as const,
};

/** Notices arrive from background jobs: poll once a minute, and whenever the window regains focus. */
export function useNotifications(pageSize = 20) {
  return useQuery({ queryKey: notificationKeys.list(pageSize), queryFn: () => notificationsApi.list(pageSize), refetchInterval: 60_000 });
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
