import { awardOf } from '../awards/awards.catalogue.js';
import type { AppContext } from '../../platform/context.js';
import { registerNotificationKind } from '../notifications/notification-kinds.js';
import { notifyUsers } from '../notifications/notices.js';
import { ddmmyyyy } from '../documents/issuer.js';
import type { RoundRow } from './commendations.repository.js';

// The notices of a round of bình xét: the council's members are asked to vote when the ballot opens;
// those who run the round learn that it closed; each person awarded learns of the decision.

const group = { vi: 'Khen thưởng', en: 'Commendation' };

export const commendationNoticeKinds = {
  voteOpened: registerNotificationKind({
    key: 'round.vote_opened',
    label: { vi: 'Hội đồng mở bỏ phiếu bình xét, chờ phiếu của tôi', en: 'A council vote opened, waiting for my ballot' },
    group,
    defaultChannel: 'email',
  }),
  voteClosed: registerNotificationKind({
    key: 'round.vote_closed',
    label: { vi: 'Kết quả bỏ phiếu bình xét', en: 'The result of a council vote' },
    group,
    defaultChannel: 'app',
  }),
  granted: registerNotificationKind({
    key: 'award.granted',
    label: { vi: 'Tôi được công nhận danh hiệu, khen thưởng', en: 'A title or award granted to me' },
    group,
    defaultChannel: 'app',
  }),
};

export const roundLink = (id: number) => `/khen-thuong/${id}`;

export async function noticeVoteOpened(ctx: AppContext, r: RoundRow, members: number[], actorUserId: number, count: number): Promise<void> {
  await notifyUsers(ctx, {
    kind: commendationNoticeKinds.voteOpened.key,
    key: `round/${r.id}/vote`,
    recipients: members,
    actorUserId,
    title: `Bỏ phiếu bình xét: ${r.name}`,
    body: `${r.unit_name} mở bỏ phiếu kín cho ${count} người trong danh sách đề nghị của “${r.name}”. Mỗi thành viên Hội đồng bỏ một phiếu; không ai biết phiếu của ai.`,
    english: `${r.unit_name} opened a secret ballot on ${count} nominees of “${r.name}”. Each council member casts one ballot; nobody can see whose ballot is whose.`,
    link: roundLink(r.id),
  });
}

export async function noticeVoteClosed(ctx: AppContext, r: RoundRow, recipients: number[], actorUserId: number, approved: number, total: number): Promise<void> {
  await notifyUsers(ctx, {
    kind: commendationNoticeKinds.voteClosed.key,
    key: `round/${r.id}/tally`,
    recipients,
    actorUserId,
    title: `Kết quả bỏ phiếu: ${r.name}`,
    body: `${approved}/${total} người trong danh sách đề nghị đạt số phiếu đồng ý cần thiết. Thủ trưởng ${r.unit_name} ban hành quyết định khen thưởng.`,
    english: `${approved} of ${total} nominees received the votes needed. The head of ${r.unit_name} issues the decision.`,
    link: roundLink(r.id),
  });
}

/** One notice for each title of the decision, to everyone who received it. */
export async function noticeGranted(ctx: AppContext, r: RoundRow, users: { userId: number; awardCode: string }[], reference: string, signedOn: string, actorUserId: number): Promise<void> {
  for (const code of new Set(users.map((u) => u.awardCode))) {
    const award = awardOf(code);
    await notifyUsers(ctx, {
      kind: commendationNoticeKinds.granted.key,
      key: `round/${r.id}/granted/${code}`,
      recipients: users.filter((u) => u.awardCode === code).map((u) => u.userId),
      actorUserId,
      title: `Chúc mừng: ${award.vi} năm ${r.year}`,
      body: `Quyết định số ${reference} ngày ${ddmmyyyy(signedOn)} của ${r.unit_name} công nhận bạn đạt ${award.vi} năm ${r.year}. Hồ sơ thành tích của bạn đã được cập nhật.`,
      english: `Decision ${reference} of ${ddmmyyyy(signedOn)} by ${r.unit_name} grants you ${award.en} for ${r.year}. Your record has been updated.`,
      link: '/',
    });
  }
}
