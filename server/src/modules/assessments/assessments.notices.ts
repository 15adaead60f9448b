import { formatNumber, type AssessmentDetail } from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { registerNotificationKind } from '../notifications/notification-kinds.js';
import { notifyUsers } from '../notifications/notices.js';
import { recipientsRepository as recipients } from '../notifications/recipients.repository.js';
import { assessmentsRepository, type AssessmentRow } from './assessments.repository.js';

// The notices (thông báo) of the assessment round, sent after each step commits: the sheet reaches
// the head (thủ trưởng), then the council (Hội đồng), comes back to its owner with the reason, and
// ends with its classification (xếp loại). Each names the person or unit, the movement and year.
// Who receives them follows the policy (assessments.policy.ts), at the nearest level that has
// someone: a school's head before the ward's, the council nearest the unit — never the actor, never
// the assessed person as their own reviewer.

const group = { vi: 'Đánh giá, chấm điểm', en: 'Assessments' };

export const assessmentNoticeKinds = {
  submitted: registerNotificationKind({
    key: 'assessment.submitted',
    label: { vi: 'Phiếu đánh giá gửi đến tôi để chấm điểm', en: 'An assessment sent to me for the head’s review' },
    group,
    defaultChannel: 'email',
  }),
  toCouncil: registerNotificationKind({
    key: 'assessment.sent_to_council',
    label: { vi: 'Phiếu đánh giá gửi Hội đồng xét', en: 'An assessment sent to the council' },
    group,
    defaultChannel: 'email',
  }),
  returned: registerNotificationKind({
    key: 'assessment.returned',
    label: { vi: 'Phiếu đánh giá bị trả lại (kèm lý do)', en: 'An assessment returned (with the reason)' },
    group,
    defaultChannel: 'email',
  }),
  // The outcome the person waited for all round: it comes by mail too, as a hand-over does.
  finalised: registerNotificationKind({
    key: 'assessment.finalised',
    label: { vi: 'Phiếu đánh giá đã hoàn tất, có xếp loại', en: 'An assessment finalised, with its classification' },
    group,
    defaultChannel: 'email',
  }),
  reopened: registerNotificationKind({
    key: 'assessment.reopened',
    label: { vi: 'Phiếu đánh giá đã hoàn tất được mở lại', en: 'A finalised assessment reopened' },
    group,
    defaultChannel: 'app',
  }),
};

type Sheet = Pick<AssessmentRow, 'id' | 'subject' | 'unit_name' | 'unit_path' | 'person_id' | 'person_name' | 'movement_name' | 'year' | 'revision'>;

/** A total as each language writes it (17,5 / 17.5), with the app's one number formatter. */
const points = (n: number | null | undefined, lang: 'vi' | 'en' = 'vi') => (n === null || n === undefined ? '–' : formatNumber(n, lang));
const link = (s: Sheet) => `/danh-gia/${s.id}`;
/** The step's event: the revision the step wrote (it moves on by one with every write). */
const eventKey = (s: Sheet) => `${s.id}/r${s.revision + 1}`;
const whose = (s: Sheet) => (s.person_name ? `${s.person_name} (${s.unit_name})` : `tập thể ${s.unit_name}`);
const whoseEn = (s: Sheet) => (s.person_name ? `${s.person_name} (${s.unit_name})` : `the collective ${s.unit_name}`);
const movement = (s: Sheet) => `phong trào "${s.movement_name}" năm ${s.year}`;
const title = (prefix: string, s: Sheet) => `${prefix}: ${s.person_name ?? s.unit_name}`;

/** Heads who may review the sheet (canReview): of the unit or above, strictly above for a collective. */
function reviewers(ctx: AppContext, actor: Actor, s: Sheet) {
  return recipients.nearestHolders(ctx.db, {
    unitPath: s.unit_path,
    roles: ['unit_head'],
    fallbackRoles: ['standing_officer'],
    strictlyAbove: s.subject === 'collective',
    exceptPersonId: s.person_id,
    exceptUserId: actor.userId,
  });
}

/** The council members nearest the unit (canCouncilReview: of the unit or above). */
function council(ctx: AppContext, actor: Actor, s: Sheet) {
  return recipients.nearestHolders(ctx.db, {
    unitPath: s.unit_path,
    roles: ['council_member'],
    fallbackRoles: ['standing_officer'],
    exceptPersonId: s.person_id,
    exceptUserId: actor.userId,
  });
}

/** The sheet's owner: the person's own account, or for a collective the unit's officers and head. */
async function owners(ctx: AppContext, actor: Actor, s: Sheet): Promise<number[]> {
  if (s.person_id !== null) return recipients.accountsOf(ctx.db, s.person_id);
  return recipients.nearestHolders(ctx.db, { unitPath: s.unit_path, roles: ['unit_officer', 'unit_head'], fallbackRoles: ['standing_officer'], exceptUserId: actor.userId });
}

/** After a submit: self → the head (gửi thủ trưởng), review → the council (gửi Hội đồng). */
export async function noticeSubmitted(ctx: AppContext, actor: Actor, s: Sheet, from: 'self' | 'review', totals: Pick<AssessmentDetail, 'selfTotal' | 'reviewTotal'>): Promise<void> {
  if (from === 'self') {
    const own = s.person_id !== null && actor.personId === s.person_id;
    const who = own ? `${s.person_name} (${s.unit_name}) đã gửi phiếu tự đánh giá` : `${actor.displayName} đã gửi phiếu tự đánh giá của ${whose(s)}`;
    await notifyUsers(ctx, {
      kind: assessmentNoticeKinds.submitted.key,
      key: eventKey(s),
      recipients: await reviewers(ctx, actor, s),
      actorUserId: actor.userId,
      title: title('Phiếu đánh giá chờ chấm điểm', s),
      body: `${who} (tự chấm ${points(totals.selfTotal)} điểm) – ${movement(s)} – để thủ trưởng chấm điểm.`,
      english: `The self-assessment of ${whoseEn(s)} (${points(totals.selfTotal, 'en')} points) waits for your review.`,
      link: link(s),
    });
    return;
  }
  await notifyUsers(ctx, {
    kind: assessmentNoticeKinds.toCouncil.key,
    key: eventKey(s),
    recipients: await council(ctx, actor, s),
    actorUserId: actor.userId,
    title: title('Phiếu đánh giá chờ Hội đồng xét', s),
    body: `${actor.displayName} đã chấm phiếu đánh giá của ${whose(s)}: ${points(totals.reviewTotal)} điểm (tự chấm ${points(totals.selfTotal)}) – ${movement(s)} – và gửi Hội đồng Thi đua - Khen thưởng xét.`,
    english: `The assessment of ${whoseEn(s)}, scored ${points(totals.reviewTotal, 'en')} by the head, waits for the council.`,
    link: link(s),
  });
}

/** After a return: to the owner (to self-assessment) or to the head (from the council), with the reason. */
export async function noticeReturned(ctx: AppContext, actor: Actor, s: Sheet, from: 'review' | 'council', to: 'self' | 'review', reason: string): Promise<void> {
  let toWhom: number[];
  if (to === 'self') toWhom = await owners(ctx, actor, s);
  else {
    // Back to the head who sent it on; to the heads who may review it if that account is gone.
    const sender = await assessmentsRepository.activeReviewer(ctx.db, s.id);
    toWhom = sender !== null && sender !== actor.userId ? [sender] : await reviewers(ctx, actor, s);
  }
  const by = from === 'council' ? `Hội đồng Thi đua - Khen thưởng (${actor.displayName})` : `Thủ trưởng ${actor.displayName}`;
  const step = to === 'self' ? 'tự đánh giá' : 'thủ trưởng chấm điểm';
  await notifyUsers(ctx, {
    kind: assessmentNoticeKinds.returned.key,
    key: eventKey(s),
    recipients: toWhom,
    actorUserId: actor.userId,
    title: title('Phiếu đánh giá bị trả lại', s),
    body: `${by} đã trả lại phiếu đánh giá của ${whose(s)} – ${movement(s)} – về bước ${step}.\nLý do: ${reason}`,
    english: `The assessment of ${whoseEn(s)} was returned to ${to === 'self' ? 'self-assessment' : 'the head’s review'}. Reason: ${reason}`,
    link: link(s),
  });
}

/** After the council finalises: the owner learns the score and the classification (xếp loại). */
export async function noticeFinalised(ctx: AppContext, actor: Actor, s: Sheet, result: Pick<AssessmentDetail, 'councilTotal' | 'classificationLabel' | 'capReason'>): Promise<void> {
  const label = result.classificationLabel?.vi ?? 'chưa xếp loại';
  const labelEn = result.classificationLabel?.en ?? 'not classified';
  await notifyUsers(ctx, {
    kind: assessmentNoticeKinds.finalised.key,
    key: eventKey(s),
    recipients: await owners(ctx, actor, s),
    actorUserId: actor.userId,
    title: `Phiếu đánh giá đã hoàn tất: xếp loại ${label}`,
    body:
      `Hội đồng Thi đua - Khen thưởng đã hoàn tất phiếu đánh giá của ${whose(s)} – ${movement(s)}: ${points(result.councilTotal)} điểm, xếp loại ${label}.` +
      (result.capReason ? `\n${result.capReason}` : ''),
    english: `The council finalised the assessment of ${whoseEn(s)}: ${points(result.councilTotal, 'en')} points, classified ${labelEn}.`,
    link: link(s),
  });
}

/** After the council reopens a final sheet: its owner learns the classification no longer stands. */
export async function noticeReopened(ctx: AppContext, actor: Actor, s: Sheet, reason: string): Promise<void> {
  await notifyUsers(ctx, {
    kind: assessmentNoticeKinds.reopened.key,
    key: eventKey(s),
    recipients: await owners(ctx, actor, s),
    actorUserId: actor.userId,
    title: title('Phiếu đánh giá được mở lại', s),
    body: `Hội đồng Thi đua - Khen thưởng (${actor.displayName}) đã mở lại phiếu đánh giá đã hoàn tất của ${whose(s)} – ${movement(s)} – để xét lại; xếp loại trước đó không còn hiệu lực.\nLý do: ${reason}`,
    english: `The council reopened the finalised assessment of ${whoseEn(s)}. Reason: ${reason}`,
    link: link(s),
  });
}
