import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CriterionInput, PlanDetail } from '@thidua/contracts';
import type { Actor } from '../platform/actor.js';
import { vietnamYear, type Now } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import type { Database } from '../platform/database.js';
import { inlineJobs } from '../platform/jobs.js';
import { registerNoticeJobs } from '../modules/notifications/notices.js';
import { createSession, destroySession, loadActor } from '../platform/session.js';
import { vietnamDateOf } from '../modules/reports/reports.periods.js';
import { adoptPlan } from '../modules/plans/plans.cascade.js';
import { createMovement, importPlan, publishPlan, replaceCriteria, updatePlan } from '../modules/plans/plans.service.js';
import { bulkRegister, createRegistration } from '../modules/registrations/registrations.service.js';
import { SCHOOL_CODE, WARD_CODE } from './demo-accounts.js';
import { generateDemoDocumentSettings } from './demo-documents.js';
import { generateDemoAssessments } from './demo-assessments.js';
import { generateDemoCommendations } from './demo-commendations.js';
import { generateDemoReports } from './demo-reports.js';

// The demonstration movement, played through the real services as the seed documents tell it: the
// province starts the office-culture movement, the ward of Nha Trang issues its plan (seed 000,
// Kế hoạch 6344/KH-UBND, re-dated to a five-year period from the current year), the primary school
// adopts it and adds its own criterion (seed 001), and the school's staff register for the current
// year, and the school's round of bình xét is open (demo-commendations.ts). One teacher (the "nhanvien" account) is left unregistered so that a newcomer can register and
// self-assess in the browser. The ward's periodic reports follow (demo-reports.ts). The current year is
// the clock's: a newcomer starting in 2027 sees the 2027 movement year, its deadlines ahead or behind
// as the calendar says.
const PLAN_FILE = fileURLToPath(new URL('./documents/ke-hoach-6344-KH-UBND-nha-trang.txt', import.meta.url));
const SCHOOL_CRITERION = 'Tổ chức trồng hoa và dọn vệ sinh hàng tuần, làm cho cảnh quan nhà trường Xanh - Sạch - Đẹp';

/** The signed-in actor of a demonstration account, through a session made and dropped at once. */
async function actorFor(db: Database, username: string, now: Date): Promise<Actor> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const { token } = await createSession(db, user.id, 1, null, 'demo', now);
  const actor = await loadActor(db, token, null, 'demo', now);
  if (!actor) throw new Error(`demo account ${username} cannot act`);
  await destroySession(db, actor.sessionId);
  return actor;
}

async function unitId(db: Database, code: string): Promise<number> {
  return (await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** The criteria as PUT /plans/:id/criteria takes them, keeping ids, origins and points. */
function asInput(plan: PlanDetail): CriterionInput[] {
  return plan.criteria.map((c) => ({
    ref: String(c.id),
    parentRef: c.parentId === null ? null : String(c.parentId),
    subject: c.subject,
    code: c.code,
    text: c.text,
    maxPoints: c.maxPoints,
    isVeto: c.isVeto,
    droppedReason: c.droppedReason,
    originCriterionId: c.originCriterionId,
    sourceLine: c.sourceLine,
  }));
}

/** Plays the movement from the province's launch to the school's registrations. */
export async function generateDemoMovement(db: Database, now: Now): Promise<{ planId: number; schoolPlanId: number; registrations: number; assessments: number; reports: number; proposed: number }> {
  const jobs = inlineJobs();
  const ctx: AppContext = { db, config: loadConfig({}), mailer: { send: async () => undefined }, jobs, now };
  // The steps' notices land in the demonstration accounts' bells (no mail is sent).
  await registerNoticeJobs(ctx);
  const year = vietnamYear(now());
  // Dates of the year's documents, never after today: a start in early January issues them today.
  const today = vietnamDateOf(now());
  const dated = (monthDay: string) => (`${year}-${monthDay}` < today ? `${year}-${monthDay}` : today);
  const standing = await actorFor(db, 'thuongtruc', now());
  const officer = await actorFor(db, 'canbothidua', now());
  const [province, ward, school] = await Promise.all([unitId(db, 'KHA'), unitId(db, WARD_CODE), unitId(db, SCHOOL_CODE)]);

  const movement = await createMovement(ctx, standing, {
    name: 'Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở',
    theme: 'Xây dựng cơ quan văn minh, hiện đại, xanh, sạch, đẹp',
    kind: 'period',
    startYear: year,
    endYear: year + 4,
    ownerUnitId: province,
  });

  // The ward's plan, imported from the document as an official would, then re-dated for the movement's five years.
  const bytes = fs.readFileSync(PLAN_FILE);
  const imported = await importPlan(ctx, standing, { fileName: path.basename(PLAN_FILE), bytes, fields: { movementId: String(movement.id), unitId: String(ward) } });
  await updatePlan(ctx, standing, imported.id, {
    number: '25',
    issueDate: dated('01-15'),
    signer: 'Phạm Minh Tuấn',
    title: `Tổ chức thực hiện phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” giai đoạn ${year}-${year + 4}`,
    yearFrom: year,
    yearTo: year + 4,
  });
  await publishPlan(ctx, standing, imported.id);

  // The school adopts it and adds its own criterion under "Xây dựng và giữ gìn cơ quan … xanh, sạch, đẹp".
  const adopted = await adoptPlan(ctx, officer, imported.id, { unitId: school });
  const criteria = asInput(adopted);
  const green = adopted.criteria.find((c) => c.subject === 'collective' && c.depth === 0 && /xanh, sạch, đẹp/u.test(c.text));
  if (green) {
    const siblings = adopted.criteria.filter((c) => c.parentId === green.id).length;
    const lastChild = [...criteria].reverse().findIndex((c) => c.parentRef === String(green.id));
    const at = lastChild < 0 ? criteria.findIndex((c) => c.ref === String(green.id)) + 1 : criteria.length - lastChild;
    criteria.splice(at, 0, {
      ref: 'school-green',
      parentRef: String(green.id),
      subject: 'collective',
      code: `${green.code}.${siblings + 1}`,
      text: SCHOOL_CRITERION,
      maxPoints: null,
      isVeto: false,
      droppedReason: null,
      originCriterionId: null,
      sourceLine: null,
    });
  }
  await replaceCriteria(ctx, officer, adopted.id, { criteria });
  await updatePlan(ctx, officer, adopted.id, { number: '12', code: 'KH-THNT', issueDate: dated('02-20'), signer: 'Hiệu trưởng' });
  await publishPlan(ctx, officer, adopted.id);

  // The school registers as a collective and for most of its staff; the demo teacher is left to do it.
  await createRegistration(ctx, officer, { movementId: movement.id, year: year, subject: 'collective', unitId: school, titleCode: 'tap_the_lao_dong_tien_tien' });
  const teacher = await db.selectFrom('users').select('person_id').where('username', '=', 'nhanvien').executeTakeFirst();
  const staff = await db
    .selectFrom('people')
    .select('id')
    .where('unit_id', '=', school)
    .where('is_active', '=', true)
    .$if(teacher?.person_id != null, (q) => q.where('id', '<>', teacher!.person_id!))
    .orderBy('id')
    .execute();
  const keep = staff.slice(0, Math.max(0, staff.length - 2)).map((p) => p.id);
  let registrations = 1;
  if (keep.length > 0) {
    const result = await bulkRegister(ctx, officer, {
      movementId: movement.id,
      year: year,
      unitId: school,
      personIds: keep,
      titleCode: 'lao_dong_tien_tien',
      commitments: 'Thực hiện nghiêm quy chế văn hóa công sở; hoàn thành tốt nhiệm vụ năm học.',
    });
    registrations += result.created;
  }
  // Two teachers have sent their self-assessments; the head has scored one and sent it to the council.
  const assessments = await generateDemoAssessments(ctx, (username) => actorFor(db, username, now()), { schoolId: school, movementId: movement.id, year });
  const homeAffairs = await db.selectFrom('units').select('id').where('code', '=', 'KHA-SNV').executeTakeFirst();
  await generateDemoDocumentSettings(ctx, standing, { ward, homeAffairs: homeAffairs?.id ?? null });
  const reports = await generateDemoReports(
    ctx,
    { standing, wardOfficer: officer, schoolWriter: await actorFor(db, 'admin', now()) },
    { ward, school, homeAffairs: homeAffairs?.id ?? null },
    imported.id,
    year,
  );
  const proposed = await generateDemoCommendations(ctx, officer, { schoolId: school, year });
  await jobs.drain();
  return { planId: imported.id, schoolPlanId: adopted.id, registrations, assessments, reports: reports.reports, proposed };
}
