import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import type { AssessmentStage, EvidenceList, EvidenceView } from '@thidua/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type MatrixCaller, type MatrixRoute } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { newAssessment, newPlan, newSchoolWithTeacher, setStage } from '../../../test/evidence-factories.js';
import { auditCount, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { makeZip } from '../plans/parser/plan-parser.testing.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/evidence');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));
const MAX_BYTES = 64 * 1024;

/** A multipart body as the browser's upload sends it: text fields, then the file. */
function evidenceMultipart(fields: Record<string, string | number>, file?: { name: string; bytes: Buffer; type?: string }) {
  const boundary = `----thidua${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(c: Client, assessmentId: number, file: { name: string; bytes: Buffer; type?: string }, fields: Record<string, string | number> = {}) {
  return c.request({ method: 'POST', url: `/api/assessments/${assessmentId}/evidence`, ...evidenceMultipart(fields, file) });
}

/** Every file under a folder, relative to it (missing folder: none). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

describe('evidence (minh chứng)', () => {
  let t: TestApp;
  let dataDir: string;
  let national: TestUnit;
  let elsewhere: TestUnit;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-evidence-'));
    t = await testApp({ dataDir, evidenceMaxBytes: MAX_BYTES });
    national = await newUnit(t.ctx.db, { kind: 'national' });
    elsewhere = await newUnit(t.ctx.db, { parent: national });
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const storedFiles = () => filesUnder(path.join(dataDir, 'evidence'));
  const stagedFiles = () => filesUnder(path.join(dataDir, 'uploads'));

  /** Everything an evidence route could change for one assessment: rows and files. */
  const evidenceState = (assessmentId: number) => async () => ({
    rows: await t.ctx.db.selectFrom('evidence').selectAll().where('assessment_id', '=', assessmentId).orderBy('id').execute(),
    files: storedFiles(),
    staged: stagedFiles(),
  });

  /** A school under a city, a teacher with an account, and the teacher's individual assessment. */
  async function school(stage: AssessmentStage = 'self') {
    const city = await newUnit(t.ctx.db, { parent: national, kind: 'district' });
    const { school: unit, user } = await newSchoolWithTeacher(t.ctx.db, city);
    const plan = await newPlan(t.ctx.db, city);
    const person = await t.ctx.db.selectFrom('users').select('person_id').where('id', '=', user.id).executeTakeFirstOrThrow();
    const assessment = await newAssessment(t.ctx.db, { unit, plan, subject: 'individual', stage, personId: person.person_id! });
    const teacher = new Client(t.app);
    await teacher.signIn(user.username);
    const head = await clientWith(t, [['unit_head', unit]]);
    return { city, unit, plan, assessment, teacher, teacherId: user.id, head };
  }

  describe('a teacher gathering evidence for their own self-assessment (tự đánh giá)', () => {
    let s: Awaited<ReturnType<typeof school>>;
    let photo: EvidenceView;
    let pdf: EvidenceView;

    beforeAll(async () => {
      s = await school();
    });

    it('uploads a phone photo for a criterion; the server keeps the type it found, the size and the SHA-256', async () => {
      const bytes = fixture('anh-chup.jpg');
      const res = await upload(s.teacher, s.assessment.id, { name: 'Ảnh trồng hoa.jpg', bytes, type: 'application/x-msdownload' }, {
        kind: 'photo',
        criterionId: s.plan.criteria.individual[1],
        note: 'Chủ nhật xanh tháng 3',
      });
      expect(res.statusCode, res.body).toBe(201);
      photo = res.json();
      expect(photo).toMatchObject({
        kind: 'photo',
        criterionId: s.plan.criteria.individual[1],
        fileName: 'Ảnh trồng hoa.jpg',
        contentType: 'image/jpeg',
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        note: 'Chủ nhật xanh tháng 3',
        isImage: true,
        canDelete: true,
        fileUrl: `/api/evidence/${photo.id}/file`,
      });
      expect(photo.createdBy?.id).toBe(s.teacherId);
      expect(storedFiles()).toHaveLength(1);
      expect(stagedFiles()).toEqual([]);
    });

    it('opens the photo inline, byte for byte, with nosniff and the Vietnamese name', async () => {
      const res = await s.teacher.get(photo.fileUrl!);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(fixture('anh-chup.jpg'))).toBe(true);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(`inline; filename="Anh trong hoa.jpg"; filename*=UTF-8''${encodeURIComponent('Ảnh trồng hoa.jpg')}`);
    });

    it('downloads a PDF as an attachment, never inline', async () => {
      const name = 'Báo cáo tháng 5 (bản 2).pdf';
      const res = await upload(s.teacher, s.assessment.id, { name, bytes: fixture('bao-cao.pdf') }, { criterionId: s.plan.criteria.individual[0] });
      expect(res.statusCode, res.body).toBe(201);
      pdf = res.json();
      expect(pdf).toMatchObject({ kind: 'file', contentType: 'application/pdf', isImage: false, fileName: name });
      const file = await s.teacher.get(pdf.fileUrl!);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe(
        `attachment; filename="Bao cao thang 5 (ban 2).pdf"; filename*=UTF-8''${encodeURIComponent(name).replace('(', '%28').replace(')', '%29')}`,
      );
    });

    it('adds a link and a note, and lists everything grouped by criterion: general first, then the plan’s order', async () => {
      const link = await s.teacher.post(`/api/assessments/${s.assessment.id}/evidence/link`, { url: 'https://truong.edu.vn/tin-tuc/chu-nhat-xanh', note: 'Bài đăng trên trang trường' });
      expect(link.statusCode, link.body).toBe(201);
      expect(link.json()).toMatchObject({ kind: 'link', url: 'https://truong.edu.vn/tin-tuc/chu-nhat-xanh', fileUrl: null, isImage: false });
      const note = await s.teacher.post(`/api/assessments/${s.assessment.id}/evidence/note`, { note: 'Tham gia đầy đủ các buổi lao động', criterionId: null });
      expect(note.statusCode, note.body).toBe(201);

      const list = await s.teacher.get(`/api/assessments/${s.assessment.id}/evidence`);
      expect(list.statusCode).toBe(200);
      const body: EvidenceList = list.json();
      expect(body).toMatchObject({ assessmentId: s.assessment.id, stage: 'self', canAdd: true, total: 4, maxBytes: MAX_BYTES });
      expect(body.groups.map((g) => [g.criterionId, g.criterionCode, g.items.map((i) => i.kind)])).toEqual([
        [null, null, ['link', 'note']],
        [s.plan.criteria.individual[0], '1', ['file']],
        [s.plan.criteria.individual[1], '1.1', ['photo']],
      ]);
    });

    it('audits each addition with the file name, size, SHA-256 and kind', async () => {
      const entry = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'entity', 'after', 'unit_id'])
        .where('entity', '=', 'evidence')
        .where('entity_id', '=', String(photo.id))
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({
        action: 'evidence.add',
        unit_id: s.unit.id,
        after: { kind: 'photo', fileName: 'Ảnh trồng hoa.jpg', sizeBytes: photo.sizeBytes, sha256: photo.sha256, assessmentId: s.assessment.id },
      });
    });

    it('lets the unit head read the evidence but not add to a self-assessment that is not theirs to hold', async () => {
      const list = await s.head.get(`/api/assessments/${s.assessment.id}/evidence`);
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ canAdd: false, total: 4 });
      expect((list.json() as EvidenceList).groups.flatMap((g) => g.items).every((i) => !i.canDelete)).toBe(true);
      expect((await s.head.get(pdf.fileUrl!)).statusCode).toBe(200);
      const res = await s.head.post(`/api/assessments/${s.assessment.id}/evidence/note`, { note: 'x' });
      expect(res.statusCode).toBe(403);
    });

    it('hides the assessment, its list and its files from another subtree (404)', async () => {
      const outsider = await clientWith(t, [['standing_officer', elsewhere]]);
      expect((await outsider.get(`/api/assessments/${s.assessment.id}/evidence`)).statusCode).toBe(404);
      expect((await outsider.get(photo.fileUrl!)).statusCode).toBe(404);
      expect((await outsider.delete(`/api/evidence/${photo.id}`)).statusCode).toBe(404);
      expect((await outsider.get('/api/assessments/999999999/evidence')).statusCode).toBe(404);
    });

    it('once under review: the head adds evidence, the teacher cannot add but may still take back their own file', async () => {
      await setStage(t.ctx.db, s.assessment.id, 'review');
      const added = await s.head.post(`/api/assessments/${s.assessment.id}/evidence/note`, { note: 'Đã kiểm tra thực tế', criterionId: s.plan.criteria.individual[0] });
      expect(added.statusCode, added.body).toBe(201);
      expect((await s.teacher.post(`/api/assessments/${s.assessment.id}/evidence/note`, { note: 'thêm' })).statusCode).toBe(403);
      // The head's note is not the teacher's to delete.
      expect((await s.teacher.delete(`/api/evidence/${added.json().id}`)).statusCode).toBe(403);

      const del = await s.teacher.delete(`/api/evidence/${pdf.id}`);
      expect(del.statusCode, del.body).toBe(200);
      expect((await s.teacher.get(pdf.fileUrl!)).statusCode).toBe(404);
      expect((await s.teacher.delete(`/api/evidence/${pdf.id}`)).statusCode).toBe(404);
      const row = await t.ctx.db.selectFrom('evidence').select(['deleted_at', 'deleted_by']).where('id', '=', pdf.id).executeTakeFirstOrThrow();
      expect(row.deleted_by).toBe(s.teacherId);
      // Soft delete: the bytes stay for the audit trail.
      expect(storedFiles()).toHaveLength(1 + 1);
      const list: EvidenceList = (await s.teacher.get(`/api/assessments/${s.assessment.id}/evidence`)).json();
      expect(list.groups.flatMap((g) => g.items).map((i) => i.id)).not.toContain(pdf.id);
    });

    it('locks everything once final (409), while the files stay readable', async () => {
      await setStage(t.ctx.db, s.assessment.id, 'final');
      const admin = await adminAt(t, national);
      const before = await evidenceState(s.assessment.id)();
      const audits = await auditCount(t.ctx.db);
      for (const c of [s.teacher, s.head, admin]) {
        const res = await c.post(`/api/assessments/${s.assessment.id}/evidence/link`, { url: 'https://example.vn' });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('ASSESSMENT_LOCKED');
        expect((await upload(c, s.assessment.id, { name: 'a.png', bytes: fixture('anh-chup.png') })).statusCode).toBe(409);
        expect((await c.delete(`/api/evidence/${photo.id}`)).statusCode).toBe(409);
      }
      expect(await evidenceState(s.assessment.id)()).toEqual(before);
      expect(await auditCount(t.ctx.db)).toBe(audits);
      const list: EvidenceList = (await s.teacher.get(`/api/assessments/${s.assessment.id}/evidence`)).json();
      expect(list.canAdd).toBe(false);
      expect(list.groups.flatMap((g) => g.items).some((i) => i.canDelete)).toBe(false);
      expect((await s.teacher.get(photo.fileUrl!)).statusCode).toBe(200);
    });
  });

  describe('bad input: a clear 4xx and nothing stored', () => {
    let s: Awaited<ReturnType<typeof school>>;
    let otherPlanCriterion: number;

    beforeAll(async () => {
      s = await school();
      otherPlanCriterion = (await newPlan(t.ctx.db, s.city)).criteria.individual[0];
    });

    /** Sends a refused request and checks that no row, no file and no audit entry appeared. */
    async function refused(send: () => ReturnType<Client['get']>, status: number, code: string) {
      const before = await evidenceState(s.assessment.id)();
      const audits = await auditCount(t.ctx.db);
      const res = await send();
      expect(res.statusCode, res.body).toBe(status);
      const body = res.json();
      expect(body.error.code).toBe(code);
      expect(body.error.message).toBeTruthy();
      expect(body.error.messageEn).toBeTruthy();
      expect(await evidenceState(s.assessment.id)()).toEqual(before);
      expect(await auditCount(t.ctx.db)).toBe(audits);
      return body.error as { message: string; details?: { reason?: string; reasonEn?: string }; fields?: { path: string; message: string }[] };
    }

    it('a Windows program named .pdf → 400 disguised', async () => {
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(0x3a), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(0x40), Buffer.from('PE\0\0'), Buffer.alloc(512)]);
      const e = await refused(() => upload(s.teacher, s.assessment.id, { name: 'hoa-don.pdf', bytes: exe, type: 'application/pdf' }), 400, 'FILE_DISGUISED');
      expect(e.details?.reason).toContain('.exe');
    });

    it('a file over the limit → 413 naming the limit', async () => {
      const big = Buffer.concat([fixture('bao-cao.pdf'), Buffer.alloc(MAX_BYTES)]);
      const e = await refused(() => upload(s.teacher, s.assessment.id, { name: 'lon.pdf', bytes: big }), 413, 'FILE_TOO_LARGE');
      expect(e.details?.reason).toContain('0.1 MB');
    });

    it('a .docx that is a zip bomb, or a zip that is not a Word file → 400', async () => {
      const types = Buffer.from(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      );
      const bomb = makeZip(
        [
          { name: '[Content_Types].xml', data: types },
          { name: '_rels/.rels', data: Buffer.from('<Relationships/>') },
          { name: 'word/document.xml', data: Buffer.alloc(4 * 1024 * 1024) },
        ],
        (b) => deflateRawSync(b),
      );
      expect(bomb.length).toBeLessThan(MAX_BYTES);
      const e = await refused(() => upload(s.teacher, s.assessment.id, { name: 'ke-hoach.docx', bytes: bomb }), 400, 'FILE_INVALID');
      expect(e.details?.reason).toContain('bom nén');
      const plainZip = makeZip([{ name: 'anh.txt', data: Buffer.from('không phải Word') }], (b) => deflateRawSync(b));
      await refused(() => upload(s.teacher, s.assessment.id, { name: 'ke-hoach.docx', bytes: plainZip }), 400, 'FILE_INVALID');
    });

    it('a type outside the allow-list → 400', async () => {
      await refused(() => upload(s.teacher, s.assessment.id, { name: 'trang.html', bytes: Buffer.from('<script>alert(1)</script>') }), 400, 'FILE_TYPE_NOT_ALLOWED');
      await refused(() => upload(s.teacher, s.assessment.id, { name: 'anh.svg', bytes: Buffer.from('<svg onload="alert(1)"/>') }), 400, 'FILE_TYPE_NOT_ALLOWED');
    });

    it('a "photo" that is a PDF, a missing file, an unknown field → 400', async () => {
      const e = await refused(() => upload(s.teacher, s.assessment.id, { name: 'a.pdf', bytes: fixture('bao-cao.pdf') }, { kind: 'photo' }), 400, 'VALIDATION_FAILED');
      expect(e.fields?.[0]?.path).toBe('kind');
      await refused(() => s.teacher.request({ method: 'POST', url: `/api/assessments/${s.assessment.id}/evidence`, ...evidenceMultipart({ note: 'x' }) }), 400, 'FILE_INVALID');
      await refused(() => s.teacher.post(`/api/assessments/${s.assessment.id}/evidence`, { url: 'x' }), 400, 'FILE_INVALID');
      await refused(() => upload(s.teacher, s.assessment.id, { name: 'a.png', bytes: fixture('anh-chup.png') }, { kind: 'video' }), 400, 'VALIDATION_FAILED');
    });

    it('a criterion of another plan, of the other kind of subject, or dropped → 400 on criterionId', async () => {
      const notInPlan = await refused(
        () => upload(s.teacher, s.assessment.id, { name: 'a.png', bytes: fixture('anh-chup.png') }, { criterionId: otherPlanCriterion }),
        400,
        'VALIDATION_FAILED',
      );
      expect(notInPlan.fields?.[0]).toMatchObject({ path: 'criterionId' });
      expect(notInPlan.fields?.[0]?.message).toContain('không thuộc kế hoạch');
      await refused(() => s.teacher.post(`/api/assessments/${s.assessment.id}/evidence/note`, { note: 'x', criterionId: s.plan.criteria.collective[0] }), 400, 'VALIDATION_FAILED');
      await t.ctx.db.updateTable('plan_criteria').set({ dropped_reason: 'Không phù hợp' }).where('id', '=', s.plan.criteria.individual[1]).execute();
      await refused(() => s.teacher.post(`/api/assessments/${s.assessment.id}/evidence/link`, { url: 'https://a.vn', criterionId: s.plan.criteria.individual[1] }), 400, 'VALIDATION_FAILED');
      await refused(() => s.teacher.post(`/api/assessments/${s.assessment.id}/evidence/note`, { note: 'x', criterionId: 'một' }), 400, 'VALIDATION_FAILED');
    });

    it('links other than http/https, with a password inside, or too long → 400', async () => {
      for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://a.vn/x', 'data:text/html,<b>x</b>', 'https://user:pass@a.vn/', 'khong phai dia chi', `https://a.vn/${'x'.repeat(2001)}`]) {
        const e = await refused(() => s.teacher.post(`/api/assessments/${s.assessment.id}/evidence/link`, { url }), 400, 'VALIDATION_FAILED');
        expect(e.fields?.[0]?.path, url).toBe('url');
      }
    });

    it('an empty or oversized note → 400, saying how long it is and how long it may be, and nothing is kept', async () => {
      const before = (await s.teacher.get(`/api/assessments/${s.assessment.id}/evidence`)).json<{ total: number }>().total;
      const empty = await refused(() => s.teacher.post(`/api/assessments/${s.assessment.id}/evidence/note`, { note: '   ' }), 400, 'VALIDATION_FAILED');
      expect(empty.fields?.[0]).toMatchObject({ path: 'note', message: 'Ghi chú: bắt buộc nhập' });
      const long = await refused(() => s.teacher.post(`/api/assessments/${s.assessment.id}/evidence/note`, { note: 'x'.repeat(4001) }), 400, 'VALIDATION_FAILED');
      expect(long.fields?.[0]).toMatchObject({ path: 'note', message: 'Ghi chú: tối đa 4.000 ký tự (đang có 4.001)', messageEn: 'Note: at most 4,000 characters (4,001 now)' });
      const linkNote = await refused(() => s.teacher.post(`/api/assessments/${s.assessment.id}/evidence/link`, { url: 'https://a.vn', note: 'x'.repeat(3200) }), 400, 'VALIDATION_FAILED');
      expect(linkNote.fields?.[0]?.message).toBe('Ghi chú: tối đa 2.000 ký tự (đang có 3.200)');
      expect((await s.teacher.get(`/api/assessments/${s.assessment.id}/evidence`)).json<{ total: number }>().total).toBe(before);
    });

    it('after all the refusals, no staged upload is left behind', () => {
      expect(stagedFiles()).toEqual([]);
    });
  });

  describe('authorisation', () => {
    /** A collective assessment at self-assessment: its unit's officers and those above hold it. */
    async function collective() {
      const city = await newUnit(t.ctx.db, { parent: national, kind: 'district' });
      const unit = await newUnit(t.ctx.db, { parent: city, kind: 'school' });
      const plan = await newPlan(t.ctx.db, city);
      const assessment = await newAssessment(t.ctx.db, { unit, plan, subject: 'collective' });
      return { unit, plan, assessment };
    }

    /** A piece of evidence added by someone other than the caller. */
    async function existing(assessmentId: number, planId: number) {
      const author = await newUser(t.ctx.db);
      return (
        await t.ctx.db
          .insertInto('evidence')
          .values({ assessment_id: assessmentId, plan_id: planId, criterion_id: null, kind: 'note', note: 'Biên bản họp', created_by: author.id })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }

    const routes: MatrixRoute[] = [
      {
        name: 'POST /api/assessments/:id/evidence',
        ok: 201,
        async arrange() {
          const { unit, plan, assessment } = await collective();
          return {
            unit,
            send: (c) => upload(c, assessment.id, { name: 'bien-ban.png', bytes: fixture('anh-chup.png') }, { criterionId: plan.criteria.collective[0] }),
            snapshot: evidenceState(assessment.id),
          };
        },
      },
      {
        name: 'POST /api/assessments/:id/evidence/link',
        ok: 201,
        async arrange() {
          const { unit, assessment } = await collective();
          return { unit, send: (c) => c.post(`/api/assessments/${assessment.id}/evidence/link`, { url: 'https://so.gov.vn/tin' }), snapshot: evidenceState(assessment.id) };
        },
      },
      {
        name: 'POST /api/assessments/:id/evidence/note',
        ok: 201,
        async arrange() {
          const { unit, assessment } = await collective();
          return { unit, send: (c) => c.post(`/api/assessments/${assessment.id}/evidence/note`, { note: 'Đã tổ chức 4 buổi' }), snapshot: evidenceState(assessment.id) };
        },
      },
      {
        name: 'DELETE /api/evidence/:id',
        ok: 200,
        async arrange() {
          const { unit, plan, assessment } = await collective();
          const id = await existing(assessment.id, plan.id);
          return { unit, send: (c) => c.delete(`/api/evidence/${id}`), snapshot: evidenceState(assessment.id) };
        },
      },
    ];

    const callers: MatrixCaller[] = [
      { name: 'anonymous', expect: () => 401, client: async () => new Client(t.app) },
      { name: 'officer of another subtree', expect: () => 404, client: () => clientWith(t, [['unit_officer', elsewhere]]) },
      { name: 'viewer of the unit', expect: () => 403, client: (u) => clientWith(t, [['viewer', u]]) },
      { name: 'staff member of the unit (reads no colleague’s assessment)', expect: () => 404, client: (u) => clientWith(t, [['staff_member', u]]) },
      { name: 'council member of the unit (not its stage)', expect: () => 403, client: (u) => clientWith(t, [['council_member', u]]) },
      { name: 'emulation officer of the unit (holds the self-assessment)', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_officer', u]]) },
      { name: 'system administrator above', expect: (ok) => ok, client: () => adminAt(t, national) },
    ];

    authorisationMatrix(() => t, routes, callers);
  });
});
