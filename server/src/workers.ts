import type { AppContext } from './platform/context.js';
import { registerNotifyJobs } from './platform/notify.js';
import { registerDigestJobs } from './modules/notifications/digest.js';
import { registerNoticeJobs } from './modules/notifications/notices.js';
import { registerImportJobs } from './modules/imports/imports.service.js';
import { registerRegistrationJobs } from './modules/registrations/registrations.service.js';
import { registerReportReminderJobs } from './modules/reports/reports.reminders.js';

interface Logger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Declares every module's background job handlers (pg-boss queues); each capability adds its line. */
export async function registerJobHandlers(ctx: AppContext, log: Logger): Promise<void> {
  await registerImportJobs(ctx, log);
  await registerRegistrationJobs(ctx, log);
  await registerNotifyJobs(ctx);
  await registerNoticeJobs(ctx);
  await registerDigestJobs(ctx);
  await registerReportReminderJobs(ctx, log);
}
