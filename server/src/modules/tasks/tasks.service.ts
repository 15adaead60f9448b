import { TASK_DUE_SOON_DAYS, type TaskList, type TaskState, type TaskView } from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import { vietnamDate, vietnamYear } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { taskSources, type TaskItem } from './task-sources.js';

// The inbox: every registered source's tasks for the signed-in person, each with its state, most
// pressing first. Sources check access themselves (a task is only ever the actor's own work), and
// read only; the inbox writes nothing and is not audited.

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const stateRank: Record<TaskState, number> = { overdue: 0, returned: 1, due_soon: 2, open: 3 };

function toView(t: TaskItem, today: string): TaskView {
  const dueDate = t.dueDate ?? null;
  const daysLeft = dueDate ? daysBetween(today, dueDate) : null;
  const state: TaskState =
    daysLeft !== null && daysLeft < 0 ? 'overdue' : t.returnedReason ? 'returned' : daysLeft !== null && daysLeft <= TASK_DUE_SOON_DAYS ? 'due_soon' : 'open';
  return {
    key: t.key,
    kind: t.kind,
    menu: t.menu,
    title: t.title,
    titleEn: t.titleEn,
    detail: t.detail ?? null,
    detailEn: t.detailEn ?? null,
    dueDate,
    daysLeft,
    state,
    reason: t.returnedReason ?? null,
    count: t.count ?? null,
    link: t.link,
  };
}

/** The actor's tasks across all their roles and units, most pressing first, with counts per menu entry. */
export async function listTasks(ctx: AppContext, actor: Actor): Promise<TaskList> {
  const now = ctx.now();
  const q = { actor, now, today: vietnamDate(now), year: vietnamYear(now) };
  const lists = await Promise.all(taskSources().map((s) => s.tasks(ctx, q)));
  const seen = new Set<string>();
  const items = lists
    .flat()
    .filter((t) => !seen.has(t.key) && seen.add(t.key))
    .map((t) => toView(t, q.today))
    .sort(
      (a, b) =>
        stateRank[a.state] - stateRank[b.state] ||
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
        // One's own work before following up on others' at the same date.
        Number(a.count !== null) - Number(b.count !== null) ||
        a.title.localeCompare(b.title, 'vi'),
    );
  const counts: Record<string, number> = {};
  for (const t of items) counts[t.menu] = (counts[t.menu] ?? 0) + 1;
  return { items, counts, today: q.today };
}
