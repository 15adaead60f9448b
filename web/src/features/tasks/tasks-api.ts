import type { TaskList } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

// The task inbox (việc cần làm): one query shared by the home page and the menu's badges. Any change
// the person makes (a mutation) refreshes it (App.tsx); work that others hand over arrives by polling.

export const TASKS_KEY = ['tasks'] as const;

export function useTasks(enabled = true) {
  return useQuery({
    queryKey: TASKS_KEY,
    queryFn: () => api.get<TaskList>('/api/tasks'),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}
