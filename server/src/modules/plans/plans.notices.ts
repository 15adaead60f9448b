import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { registerNotificationKind } from '../notifications/notification-kinds.js';
import { notifyUsers } from '../notifications/notices.js';
import { recipientsRepository as recipients } from '../notifications/recipients.repository.js';
import type { PlanRow } from './plans.repository.js';

// The notice of a plan published (ban hành): the units directly below the issuer adopt it (áp dụng,
// plans.cascade.ts), so each one's emulation officers (plan.write) hear of it — its head where the
// unit has no officer. A new version tells them to look at what changed.

export const planNoticeKinds = {
  published: registerNotificationKind({
    key: 'plan.published',
    label: { vi: 'Kế hoạch cấp trên ban hành, đơn vị cần áp dụng', en: 'A plan issued above, for my unit to adopt' },
    group: { vi: 'Kế hoạch thi đua', en: 'Plans' },
    defaultChannel: 'email',
  }),
};

const OFFICER_ROLES = ['unit_officer', 'standing_officer'] as const;

/** The document's reference as it is cited: "Kế hoạch số 25/KH-UBND", or its type alone. */
function reference(p: Pick<PlanRow, 'document_type' | 'number' | 'code'>): string {
  const kind = { KH: 'Kế hoạch', CT: 'Chỉ thị', HD: 'Hướng dẫn', QĐ: 'Quyết định', TB: 'Thông báo' }[p.document_type] ?? 'Kế hoạch';
  if (!p.number) return kind;
  return `${kind} số ${p.number}${p.code ? `/${p.code}` : ''}`;
}

/** After a plan is published: the officers of the units directly below (the head where none). */
export async function noticePlanPublished(ctx: AppContext, actor: Actor, plan: PlanRow): Promise<void> {
  const holders = await recipients.holdersBelow(ctx.db, plan.unit_id, [...OFFICER_ROLES, 'unit_head']);
  const to = [...holders.values()].flatMap((list) => {
    const officers = list.filter((h) => h.role !== 'unit_head');
    return (officers.length ? officers : list).map((h) => h.userId);
  });
  const ref = reference(plan);
  const newVersion = plan.supersedes_plan_id !== null;
  await notifyUsers(ctx, {
    kind: planNoticeKinds.published.key,
    key: String(plan.id),
    recipients: to,
    actorUserId: actor.userId,
    title: newVersion ? `Kế hoạch cấp trên có phiên bản mới: ${plan.title}` : `Kế hoạch cấp trên cần áp dụng: ${plan.title}`,
    body: newVersion
      ? `${plan.unit_name} đã ban hành phiên bản ${plan.version} của ${ref} "${plan.title}" (phong trào "${plan.movement_name}"). Đề nghị đơn vị xem các thay đổi và quyết định nhận hay bỏ qua trong kế hoạch của đơn vị.`
      : `${plan.unit_name} đã ban hành ${ref} "${plan.title}" (phong trào "${plan.movement_name}"). Đề nghị đơn vị áp dụng và cụ thể hóa kế hoạch cho đơn vị mình.`,
    english: newVersion
      ? `${plan.unit_name} published version ${plan.version} of the plan "${plan.title}"; review its changes for your unit’s plan.`
      : `${plan.unit_name} published the plan "${plan.title}"; your unit is to adopt it.`,
    link: `/ke-hoach/${plan.id}`,
  });
}
