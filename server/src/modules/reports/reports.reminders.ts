import type { AppContext } from '../../platform/context.js';
import { coversYear } from '../plans/plans.years.js';
import { deliverOnce, type DeliverOnceInput, type NotifyContext } from '../../platform/notify.js';
import { withPreferences } from '../notifications/notices.js';
import {
  activeTemplates,
  contactsOf,
  customPeriods,
  expectedUnits,
  isSubmitted,
  reminderNotice,
  reportsOf,
  type TemplateFacts,
} from './reports.board.js';
import { dueDate, periodKey, periodsOfYear, reminderInstants, vietnamDateOf, type ReportPeriod } from './reports.periods.js';

// The reminder sweep (đôn đốc nộp báo cáo): every 15 minutes, in every process that runs jobs, for
// each active template of a published plan and each of its periods with a reminder slot that has
// come, each expected unit (reports.board.ts) that has not submitted gets its officers and heads
// reminded — e-mail and in-app notice — by `deliverOnce` with the slot's stable key as the
// identity. Two processes sweeping at the same moment (pg-boss sends the cron tick once, but a
// retry, a manual run or a slow tick may overlap) therefore still send one mail per person per slot.
//
// Which slot: only the latest slot whose time has come and that is at most LOOKBACK old. A server
// that was down over several slots sends one reminder when it comes back, not a burst; a slot
// older than the look-back is history, not news.

export const REMINDER_SWEEP_QUEUE = 'report-reminder-sweep';
export const REMINDER_SWEEP_CRON = '*/15 * * * *';
/** How old a slot may be and still be sent: a sweep missed for up to two days still reminds. */
export const LOOKBACK_MS = 2 * 86_400_000;

declare module '../../platform/jobs.js' {
  interface JobQueues {
    /** The reminder sweep: `at` pins the clock (tests), otherwise the time the job runs. */
    'report-reminder-sweep': { at?: string };
  }
}

interface Logger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SweepResult {
  /** Units reminded in this sweep (a unit already reminded for the slot counts again but sends nothing). */
  units: number;
  mailsSent: number;
  noticesStored: number;
  failures: number;
}

/** The periods of a template that may have a reminder slot around `now`: last year to next. */
async function candidatePeriods(ctx: Pick<NotifyContext, 'db'>, t: TemplateFacts, now: Date): Promise<ReportPeriod[]> {
  if (t.periodKind === 'custom') return customPeriods(ctx.db, t.id);
  const year = Number(vietnamDateOf(now).slice(0, 4));
  // A plan for 2027 asks for 2027's reports only: no reminder of a year it does not cover.
  return [year - 1, year, year + 1].filter((y) => y >= 1990 && y <= 2100 && coversYear(t.planYears, y)).flatMap((y) => periodsOfYear(t.periodKind, y, t.periodIndexes));
}

/** One sweep at `now`: safe to run in any number of processes at once. */
export async function runReminderSweep(ctx: NotifyContext, now: Date, log?: Logger): Promise<SweepResult> {
  const result: SweepResult = { units: 0, mailsSent: 0, noticesStored: 0, failures: 0 };
  const errors: unknown[] = [];
  const today = vietnamDateOf(now);
  for (const t of await activeTemplates(ctx.db)) {
    if (t.planUnitId === null || t.planUnitPath === null) continue;
    for (const period of await candidatePeriods(ctx, t, now)) {
      let due: string;
      try {
        due = dueDate(period, t.rule);
      } catch {
        continue; // A custom period whose due date lies before it: nothing to remind of.
      }
      // The slots are the same for every unit but the key; work out the timing once.
      const timing = reminderInstants({ due, schedule: t.schedule, templateId: t.id, unitId: 0, period, from: new Date(now.getTime() - LOOKBACK_MS), until: now });
      // The latest slot that has come and is no older than LOOKBACK_MS.
      const slot = timing.at(-1);
      if (!slot) continue;

      const units = await expectedUnits(ctx.db, { root: { id: t.planUnitId, path: t.planUnitPath }, planUnitPath: t.planUnitPath, reporterKinds: t.reporterKinds });
      const key = periodKey(period);
      const reports = await reportsOf(
        ctx.db,
        t.id,
        key,
        units.map((u) => u.id),
      );
      const pending = units.filter((u) => !isSubmitted(reports.get(u.id)?.status));
      const contacts = await contactsOf(
        ctx.db,
        pending.map((u) => u.id),
      );
      const notices: DeliverOnceInput[] = [];
      for (const u of pending) {
        const [unitSlot] = reminderInstants({ due, schedule: t.schedule, templateId: t.id, unitId: u.id, period, from: slot.at, until: slot.at });
        if (!unitSlot) continue;
        result.units++;
        for (const contact of contacts.get(u.id) ?? []) notices.push(reminderNotice({ key: unitSlot.key, contact, unitName: u.name, template: t, period, due, today }));
      }
      // Each contact's choice for reminders: with a mail, in the app only, or in the daily digest.
      for (const notice of await withPreferences(ctx, notices)) {
        try {
          const r = await deliverOnce(ctx, notice);
          if (r.email === 'sent') result.mailsSent++;
          if (r.app === 'stored') result.noticesStored++;
        } catch (err) {
          // The claim was released: the next sweep (or the job's retry) sends it.
          result.failures++;
          errors.push(err);
          log?.error({ err, key: notice.key, userId: notice.userId }, 'report reminder failed');
        }
      }
    }
  }
  if (errors.length) throw new AggregateError(errors, `${errors.length} report reminder(s) failed`);
  return result;
}

/** Declares the sweep's handler and its 15-minute schedule (from server/src/workers.ts). */
export async function registerReportReminderJobs(ctx: AppContext, log: Logger): Promise<void> {
  await ctx.jobs.work(REMINDER_SWEEP_QUEUE, async (data) => {
    const result = await runReminderSweep(ctx, data.at ? new Date(data.at) : ctx.now(), log);
    if (result.mailsSent || result.noticesStored) log.info(result, 'report reminders sent');
  });
  await ctx.jobs.schedule(REMINDER_SWEEP_QUEUE, REMINDER_SWEEP_CRON, {});
}
