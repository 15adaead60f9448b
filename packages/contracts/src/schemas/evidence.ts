// Request and response schemas of the evidence capability (minh chứng): files, phone photos,
// links and notes attached to an assessment and, usually, one of its criteria.
import { z } from 'zod';
import { assessmentStages, evidenceFileKinds, evidenceKinds } from '../enums.js';

const criterionId = z.number().int().positive().nullish();

/** The longest note beside a file or link, written note, and address. */
export const evidenceLimits = { note: 2000, text: 4000, url: 2000 } as const;

/** An optional note: blank becomes null. */
const optionalNote = z
  .string()
  .trim()
  .max(evidenceLimits.note)
  .transform((v) => (v === '' ? null : v))
  .nullish();

/** Only web addresses: http and https (no javascript:, file:, data: …), without a password inside. */
export const evidenceUrl = z
  .string()
  .trim()
  .min(1)
  .max(evidenceLimits.url)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
      } catch {
        return false;
      }
    },
    { message: 'Chỉ nhận địa chỉ web bắt đầu bằng http:// hoặc https:// / Only web addresses starting with http:// or https:// are accepted' },
  )
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.username === '' && u.password === '';
      } catch {
        return true;
      }
    },
    { message: 'Địa chỉ không được chứa tên đăng nhập hay mật khẩu / The address must not contain a user name or password' },
  );

export const addEvidenceLinkBody = z.object({ criterionId, url: evidenceUrl, note: optionalNote }).strict();
export type AddEvidenceLinkBody = z.infer<typeof addEvidenceLinkBody>;

export const addEvidenceNoteBody = z.object({ criterionId, note: z.string().trim().min(1).max(evidenceLimits.text) }).strict();
export type AddEvidenceNoteBody = z.infer<typeof addEvidenceNoteBody>;

/** The text fields sent beside the file in the multipart upload (all strings on the wire). */
export const evidenceUploadFields = z
  .object({
    criterionId: z
      .string()
      .trim()
      .regex(/^\d*$/, { message: 'Mã tiêu chí phải là số / The criterion id must be a number' })
      .transform((v) => (v === '' ? null : Number(v)))
      .pipe(z.number().int().positive().nullable())
      .optional(),
    kind: z.enum(evidenceFileKinds).default('file'),
    note: optionalNote,
  })
  .strict();
export type EvidenceUploadFields = z.infer<typeof evidenceUploadFields>;

export const evidenceView = z.object({
  id: z.number().int(),
  assessmentId: z.number().int(),
  criterionId: z.number().int().nullable(),
  kind: z.enum(evidenceKinds),
  fileName: z.string().nullable(),
  /** As found by the server's check of the content, never as the browser claimed. */
  contentType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  sha256: z.string().nullable(),
  url: z.string().nullable(),
  note: z.string().nullable(),
  /** Where to open the file: /api/evidence/:id/file, or null for links and notes. */
  fileUrl: z.string().nullable(),
  isImage: z.boolean(),
  createdBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  createdAt: z.string(),
  canDelete: z.boolean(),
});
export type EvidenceView = z.infer<typeof evidenceView>;

/** Evidence of one criterion (or, with criterionId null, of the assessment as a whole). */
export const evidenceGroup = z.object({
  criterionId: z.number().int().nullable(),
  criterionCode: z.string().nullable(),
  criterionText: z.string().nullable(),
  items: z.array(evidenceView),
});
export type EvidenceGroup = z.infer<typeof evidenceGroup>;

export const evidenceList = z.object({
  assessmentId: z.number().int(),
  stage: z.enum(assessmentStages),
  /** The actor may add evidence now (holds the assessment and it is not final). */
  canAdd: z.boolean(),
  /** The largest file accepted, in bytes. */
  maxBytes: z.number().int(),
  total: z.number().int(),
  /** General evidence first, then criteria in the plan's order. */
  groups: z.array(evidenceGroup),
});
export type EvidenceList = z.infer<typeof evidenceList>;
