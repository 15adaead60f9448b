import type { TaskList } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

// The task inbox (việc cần làm): one query shared by the home page and the menu's badges. Any change
// the person makes (a mutation) refreshes it (App.tsx); work that others hand over arrives by polling.

export const TASKS_KEY = ['tasks'] as const;

/** The inbox; `quiet` when asked before anyone knows whether the person is signed in (the router's loader). */
export const fetchTasks = (quiet = false) => api.get<TaskList>('/api/tasks', undefined, { quiet });

export function useTasks(enabled = true) {
  return useQuery({
    queryKey: TASKS_KEY,
    queryFn: () => fetchTasks(),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}
