import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';

// The task registry (việc cần làm): each capability adds a source that answers "what is waiting for
// this person?" from its own tables, when its module is loaded (as report indicators and calendar
// sources do). The inbox gathers every source's tasks; a new capability — inspections, citizen
// reports, nominations — registers its source and the inbox, the home page and the menu badges
// show its tasks without a change of their own.

/** What a source is asked with: the person and the moment, by the app's one clock. */
export interface TaskQuery {
  actor: Actor;
  now: Date;
  /** Today in Vietnam, 'YYYY-MM-DD'. */
  today: string;
  /** This year in Vietnam: the emulation year (năm thi đua) tasks are about. */
  year: number;
}

/** One task as a source states it; the inbox works out its state and days left from the due date. */
export interface TaskItem {
  key: string;
  kind: string;
  /** The path of the menu entry whose badge counts it. */
  menu: string;
  title: string;
  titleEn: string;
  detail?: string | null;
  detailEn?: string | null;
  dueDate?: string | null;
  /** Sent back with a reason (trả lại): shown as returned, with the reason. */
  returnedReason?: string | null;
  count?: number | null;
  link: string;
}

export interface TaskSource {
  /** Unique; registering a name again replaces the source. */
  name: string;
  tasks(ctx: AppContext, q: TaskQuery): Promise<TaskItem[]>;
}

const sources = new Map<string, TaskSource>();

/** Adds (or replaces, by name) a source of tasks; call when the capability's module is loaded. */
export function registerTaskSource(source: TaskSource): void {
  sources.set(source.name, source);
}

/** The registered sources, in registration order. */
export function taskSources(): TaskSource[] {
  return [...sources.values()];
}
