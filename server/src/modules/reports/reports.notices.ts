import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { registerNotificationKind } from '../notifications/notification-kinds.js';
import { notifyUsers } from '../notifications/notices.js';
import { recipientsRepository as recipients } from '../notifications/recipients.repository.js';
import { formatCalendarDate } from './reports.periods.js';
import type { ReportRow } from './reports.repository.js';

// The notices (thông báo) of a periodic report's hand-overs, sent after each step commits: a report
// sent reaches the recipient unit's reviewers (report.review); returned, accepted or unlocked, it
// reaches the reporting unit's writers (report.write at the unit) and whoever sent it. The reminder
// sweep's kind is registered here too, so everyone may choose how reminders reach them.

const group = { vi: 'Báo cáo định kỳ', en: 'Periodic reports' };

export const reportNoticeKinds = {
  reminder: registerNotificationKind({
    key: 'report.reminder',
    label: { vi: 'Nhắc nộp báo cáo sắp đến hạn, quá hạn', en: 'Reminders of reports due or overdue' },
    group,
    defaultChannel: 'email',
  }),
  submitted: registerNotificationKind({
    key: 'report.submitted',
    label: { vi: 'Báo cáo của đơn vị cấp dưới gửi đến, chờ tiếp nhận', en: 'A report sent to my unit, waiting to be accepted' },
    group,
    defaultChannel: 'email',
  }),
  returned: registerNotificationKind({
    key: 'report.returned',
    label: { vi: 'Báo cáo của đơn vị bị trả lại (kèm lý do)', en: 'My unit’s report returned (with the reason)' },
    group,
    defaultChannel: 'email',
  }),
  accepted: registerNotificationKind({
    key: 'report.accepted',
    label: { vi: 'Báo cáo của đơn vị đã được tiếp nhận', en: 'My unit’s report accepted' },
    group,
    defaultChannel: 'app',
  }),
  unlocked: registerNotificationKind({
    key: 'report.unlocked',
    label: { vi: 'Báo cáo đã tiếp nhận được mở khóa để sửa', en: 'An accepted report unlocked for correction' },
    group,
    defaultChannel: 'email',
  }),
  recalled: registerNotificationKind({
    key: 'report.recalled',
    label: { vi: 'Đơn vị cấp dưới rút báo cáo về để sửa', en: 'A report taken back by its unit' },
    group,
    defaultChannel: 'app',
  }),
};

type Report = Pick<ReportRow, 'id' | 'unit_id' | 'unit_name' | 'recipient_unit_name' | 'recipient_unit_path' | 'template_name' | 'revision' | 'submitted_by' | 'due_date'>;

/** Roles that review a report at its recipient unit (report.review, without the system administrator). */
const REVIEWER_ROLES = ['unit_head', 'standing_officer'] as const;
/** Roles that write a unit's report (report.write, without the system administrator). */
const WRITER_ROLES = ['unit_officer', 'unit_head', 'standing_officer'] as const;

const link = (r: Report) => `/bao-cao/${r.id}`;
/** The step's event: the revision the step wrote (every write moves it on by one). */
const eventKey = (r: Report) => `${r.id}/r${r.revision + 1}`;
const what = (r: Report, period: string) => `báo cáo "${r.template_name}" kỳ ${period}`;

/** The recipient unit's reviewers, nearest the recipient unit. */
function reviewers(ctx: AppContext, actor: Actor, r: Report): Promise<number[]> {
  if (r.recipient_unit_path === null) return Promise.resolve([]);
  return recipients.nearestHolders(ctx.db, { unitPath: r.recipient_unit_path, roles: REVIEWER_ROLES, exceptUserId: actor.userId });
}

/** The reporting unit's writers, and whoever sent the report. */
async function writers(ctx: AppContext, r: Report): Promise<number[]> {
  const atUnit = (await recipients.holdersAt(ctx.db, [r.unit_id], WRITER_ROLES)).get(r.unit_id) ?? [];
  return [...atUnit.map((h) => h.userId), ...(r.submitted_by !== null ? [r.submitted_by] : [])];
}

/** After a unit sends its report: the recipient's reviewers, told whether it came on time. */
export async function noticeReportSubmitted(ctx: AppContext, actor: Actor, r: Report, period: { label: string; labelEn: string }, daysLate: number): Promise<void> {
  const due = formatCalendarDate(r.due_date);
  const timing = daysLate > 0 ? `trễ hạn ${daysLate} ngày, hạn ${due}` : `đúng hạn, hạn ${due}`;
  await notifyUsers(ctx, {
    kind: reportNoticeKinds.submitted.key,
    key: eventKey(r),
    recipients: await reviewers(ctx, actor, r),
    actorUserId: actor.userId,
    title: `Báo cáo chờ tiếp nhận: ${r.template_name} – ${r.unit_name}`,
    body: `${r.unit_name} đã gửi ${what(r, period.label)} đến ${r.recipient_unit_name} (${timing}). Người gửi: ${actor.displayName}.\nĐề nghị xem và tiếp nhận hoặc trả lại kèm lý do.`,
    english: `${r.unit_name} sent the report "${r.template_name}" for ${period.labelEn}${daysLate > 0 ? `, ${daysLate} days late` : ', on time'}; it waits for you to accept or return it.`,
    link: link(r),
  });
}

/** After the recipient returns, accepts or unlocks a report: the reporting unit's writers. */
export async function noticeReportReviewed(
  ctx: AppContext,
  actor: Actor,
  r: Report,
  period: { label: string; labelEn: string },
  step: 'return' | 'accept' | 'lock_exception',
  reason: string | null,
): Promise<void> {
  const by = `${r.recipient_unit_name} (${actor.displayName})`;
  const subject = what(r, period.label);
  const texts = {
    return: {
      kind: reportNoticeKinds.returned.key,
      title: `Báo cáo bị trả lại: ${r.template_name} – ${period.label}`,
      body: `${by} đã trả lại ${subject} của ${r.unit_name}.\nLý do: ${reason}\nĐề nghị chỉnh sửa và gửi lại.`,
      english: `${r.recipient_unit_name} returned the report "${r.template_name}" for ${period.labelEn}. Reason: ${reason}`,
    },
    accept: {
      kind: reportNoticeKinds.accepted.key,
      title: `Báo cáo đã được tiếp nhận: ${r.template_name} – ${period.label}`,
      body: `${by} đã tiếp nhận ${subject} của ${r.unit_name}; báo cáo đã khóa.`,
      english: `${r.recipient_unit_name} accepted the report "${r.template_name}" for ${period.labelEn}; it is locked.`,
    },
    lock_exception: {
      kind: reportNoticeKinds.unlocked.key,
      title: `Báo cáo được mở khóa để sửa: ${r.template_name} – ${period.label}`,
      body: `${by} đã mở khóa ${subject} của ${r.unit_name} để đơn vị chỉnh sửa và gửi lại.\nLý do: ${reason}`,
      english: `${r.recipient_unit_name} unlocked the accepted report "${r.template_name}" for ${period.labelEn} for correction. Reason: ${reason}`,
    },
  }[step];
  await notifyUsers(ctx, { ...texts, key: eventKey(r), recipients: await writers(ctx, r), actorUserId: actor.userId, link: link(r) });
}

/** After a unit takes its sent report back: the recipient's reviewers, for information. */
export async function noticeReportRecalled(ctx: AppContext, actor: Actor, r: Report, period: { label: string; labelEn: string }): Promise<void> {
  await notifyUsers(ctx, {
    kind: reportNoticeKinds.recalled.key,
    key: eventKey(r),
    recipients: await reviewers(ctx, actor, r),
    actorUserId: actor.userId,
    title: `Báo cáo được rút về: ${r.template_name} – ${r.unit_name}`,
    body: `${r.unit_name} (${actor.displayName}) đã rút ${what(r, period.label)} về để chỉnh sửa; đơn vị sẽ gửi lại sau.`,
    english: `${r.unit_name} took back its report "${r.template_name}" for ${period.labelEn} to correct it.`,
    link: link(r),
  });
}
