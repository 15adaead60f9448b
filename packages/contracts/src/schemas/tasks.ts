// The task inbox (việc cần làm): the signed-in person's work across all their roles and units. Each
// capability adds its own kinds of task to a registry on the server; the inbox shows them all alike,
// so a new capability (inspections, citizen reports, nominations) adds tasks without touching it.
import { z } from 'zod';

/** Where a task stands: past its due date, due within a week, sent back with a reason, or simply open. */
export const taskStates = ['overdue', 'returned', 'due_soon', 'open'] as const;
export type TaskState = (typeof taskStates)[number];

/** How many days before its due date a task counts as due soon. */
export const TASK_DUE_SOON_DAYS = 7;

export const taskView = z.object({
  /** Stable while the task lasts, e.g. `assessment.self:42`. */
  key: z.string(),
  /** What kind of work, e.g. `registration.self`, `report.review`; the capability's own name. */
  kind: z.string(),
  /** The path of the menu entry whose badge counts this task (`/bao-cao`). */
  menu: z.string(),
  title: z.string(),
  titleEn: z.string(),
  /** A second line: the unit, the plan, the period. */
  detail: z.string().nullable(),
  detailEn: z.string().nullable(),
  /** The Vietnam calendar day it is due, 'YYYY-MM-DD'; null when nothing sets one. */
  dueDate: z.string().nullable(),
  /** Days from today to the due date (negative once overdue). */
  daysLeft: z.number().int().nullable(),
  state: z.enum(taskStates),
  /** Why it came back, for returned work. */
  reason: z.string().nullable(),
  /** How many items the task stands for (sheets waiting, units missing), when more than one thing. */
  count: z.number().int().nullable(),
  /** Where one click takes the person to do it: a path inside the web app. */
  link: z.string(),
});
export type TaskView = z.infer<typeof taskView>;

export const taskList = z.object({
  items: z.array(taskView),
  /** Tasks per menu path, for the badges. */
  counts: z.record(z.string(), z.number().int()),
  /** Today in Vietnam by the server's clock, 'YYYY-MM-DD'. */
  today: z.string(),
});
export type TaskList = z.infer<typeof taskList>;
