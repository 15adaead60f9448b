import type { tasksVi } from './locale.vi';

export const tasksEn: typeof tasksVi = {
  title: 'To do',
  count_one: '{{count}} task',
  count_other: '{{count}} tasks',
  empty: 'Nothing is waiting for you.',
  emptyHint: 'When it is your turn — to register, self-assess, score or report — the task appears here and in the bell.',
  error: 'The task list could not be loaded.',
  open: 'Do it',
  due: 'Due {{date}}',
  noDue: 'No due date',
  state: {
    overdue: '{{days}} days late',
    overdueToday: 'Late',
    returned: 'Returned',
    due_soon: '{{days}} days left',
    dueToday: 'Due today',
    open: 'Open',
  },
  reason: 'Returned because: {{reason}}',
  filter: {
    all: 'All',
    urgent: 'Late or returned',
    soon: 'Due soon',
  },
};
