// Request and response schemas of the registrations capability (đăng ký thi đua).
import { z } from 'zod';
import { criterionSubjects, emulationTitleCodes, movementKinds, planStatuses, registrationStatuses } from '../enums.js';
import { idSchema, paged, pageQuery } from './common.js';

const year = z.coerce.number().int().min(1990).max(2100);
/** The longest commitments (nội dung đăng ký, cam kết) a registration holds. */
export const COMMITMENTS_MAX = 4000;

/** Commitments (nội dung đăng ký, cam kết): free text, empty means none. */
const commitments = z
  .string()
  .trim()
  .max(COMMITMENTS_MAX)
  .transform((v) => (v === '' ? null : v))
  .nullish();

/** What the actor may do with one registration now: the buttons the UI shows. */
export const registrationOperations = ['edit', 'withdraw'] as const;
export type RegistrationOperation = (typeof registrationOperations)[number];

export const registrationView = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  planTitle: z.string(),
  /** "6344/KH-UBND", or null when the plan has no number yet. */
  planNumber: z.string().nullable(),
  planUnitName: z.string(),
  movementId: z.number().int(),
  movementName: z.string(),
  year: z.number().int(),
  subject: z.enum(criterionSubjects),
  unitId: z.number().int(),
  unitName: z.string(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  personPosition: z.string().nullable(),
  titleCode: z.enum(emulationTitleCodes),
  titleName: z.string(),
  commitments: z.string().nullable(),
  status: z.enum(registrationStatuses),
  registeredAt: z.string(),
  registeredByName: z.string().nullable(),
  updatedAt: z.string(),
  /** The subject's assessment stage for the same movement and year, once it has one. */
  assessmentStage: z.enum(['self', 'review', 'council', 'final']).nullable(),
  allowed: z.array(z.enum(registrationOperations)),
});
export type RegistrationView = z.infer<typeof registrationView>;

export const listRegistrationsQuery = pageQuery.extend({
  movementId: idSchema.optional(),
  year: year.optional(),
  /** The unit and, unless includeSubunits is "false", its whole subtree. */
  unitId: idSchema.optional(),
  includeSubunits: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  subject: z.enum(criterionSubjects).optional(),
  status: z.enum(registrationStatuses).optional(),
  /** Name of the person or unit, without diacritics if one likes. */
  q: z.string().trim().max(200).optional(),
});
export type ListRegistrationsQuery = z.input<typeof listRegistrationsQuery>;
export const registrationsPage = paged(registrationView);
export type RegistrationsPage = z.infer<typeof registrationsPage>;

/**
 * Registers one subject. Individual (the default): `personId`, or the actor's own person when
 * omitted. Collective: `unitId`, the unit registering as a tập thể.
 */
export const createRegistrationBody = z
  .object({
    movementId: z.number().int().positive(),
    year: z.number().int().min(1990).max(2100),
    subject: z.enum(criterionSubjects).default('individual'),
    personId: z.number().int().positive().optional(),
    unitId: z.number().int().positive().optional(),
    titleCode: z.enum(emulationTitleCodes),
    commitments,
  })
  .refine((b) => b.subject === 'individual' || b.unitId !== undefined, {
    path: ['unitId'],
    message: 'Cần chọn đơn vị đăng ký tập thể / A collective registration needs the unit',
  })
  .refine((b) => b.subject === 'collective' || b.unitId === undefined, {
    path: ['unitId'],
    message: 'Đăng ký cá nhân không kèm đơn vị; đơn vị là nơi cán bộ đang công tác / An individual registration takes no unit: it is the person’s own',
  })
  .refine((b) => b.subject === 'individual' || b.personId === undefined, {
    path: ['personId'],
    message: 'Đăng ký tập thể không kèm cán bộ / A collective registration takes no person',
  });
export type CreateRegistrationBody = z.input<typeof createRegistrationBody>;

export const updateRegistrationBody = z
  .object({
    titleCode: z.enum(emulationTitleCodes).optional(),
    commitments,
  })
  .refine((b) => b.titleCode !== undefined || b.commitments !== undefined, {
    path: ['titleCode'],
    message: 'Chưa có gì để sửa / Nothing to change',
  });
export type UpdateRegistrationBody = z.input<typeof updateRegistrationBody>;

/** A unit's officer registers many of its people at once with one title. */
export const bulkRegisterBody = z.object({
  movementId: z.number().int().positive(),
  year: z.number().int().min(1990).max(2100),
  unitId: z.number().int().positive(),
  personIds: z.array(z.number().int().positive()).min(1).max(500),
  titleCode: z.enum(emulationTitleCodes),
  commitments,
});
export type BulkRegisterBody = z.input<typeof bulkRegisterBody>;

export const bulkOutcomes = ['created', 'already_registered', 'not_in_unit'] as const;
export type BulkOutcome = (typeof bulkOutcomes)[number];
export const bulkRegisterResult = z.object({
  created: z.number().int(),
  alreadyRegistered: z.number().int(),
  notInUnit: z.number().int(),
  items: z.array(
    z.object({
      personId: z.number().int(),
      /** Null when the person is not one the actor may see. */
      fullName: z.string().nullable(),
      outcome: z.enum(bulkOutcomes),
      registrationId: z.number().int().nullable(),
    }),
  ),
});
export type BulkRegisterResult = z.infer<typeof bulkRegisterResult>;

// ── What the forms need ────────────────────────────────────────────────
export const movementOption = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(movementKinds),
  startYear: z.number().int(),
  endYear: z.number().int(),
});
export type MovementOption = z.infer<typeof movementOption>;
export const movementOptions = z.object({ items: z.array(movementOption) });

/** The plan that applies to a subject: the nearest published plan of the movement at or above its unit. */
export const appliedPlan = z.object({
  id: z.number().int(),
  title: z.string(),
  documentType: z.string(),
  number: z.string().nullable(),
  issueDate: z.string().nullable(),
  status: z.enum(planStatuses),
  unitId: z.number().int(),
  unitName: z.string(),
  criteria: z.array(
    z.object({
      id: z.number().int(),
      subject: z.enum(criterionSubjects),
      code: z.string(),
      text: z.string(),
      maxPoints: z.number().nullable(),
      depth: z.number().int(),
    }),
  ),
});
export type AppliedPlan = z.infer<typeof appliedPlan>;

export const myRegistrationQuery = z.object({ movementId: idSchema.optional(), year: year.optional() });
export type MyRegistrationQuery = z.input<typeof myRegistrationQuery>;
/** "Đăng ký của tôi": who I am, the movements that apply to me, and for the chosen one the plan and my registration. */
export const myRegistration = z.object({
  person: z.object({ id: z.number().int(), fullName: z.string(), unitId: z.number().int(), unitName: z.string() }).nullable(),
  movements: z.array(movementOption),
  plan: appliedPlan.nullable(),
  registration: registrationView.nullable(),
});
export type MyRegistration = z.infer<typeof myRegistration>;

export const movementOptionsQuery = z.object({ unitId: idSchema });

export const unitRosterQuery = z.object({
  movementId: idSchema,
  year,
  unitId: idSchema,
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(200),
});
export type UnitRosterQuery = z.input<typeof unitRosterQuery>;
/** "Đăng ký cho đơn vị": the unit's own collective registration and its people with theirs. */
export const unitRoster = z.object({
  /** canRegister: the actor may register the unit and its people (registration.write there). */
  unit: z.object({ id: z.number().int(), name: z.string(), canRegister: z.boolean() }),
  plan: appliedPlan.nullable(),
  collective: registrationView.nullable(),
  people: paged(
    z.object({
      personId: z.number().int(),
      fullName: z.string(),
      position: z.string().nullable(),
      registration: registrationView.nullable(),
    }),
  ),
});
export type UnitRoster = z.infer<typeof unitRoster>;

// ── The board (theo dõi đăng ký) ───────────────────────────────────────
export const boardQuery = z.object({ movementId: idSchema, year, unitId: idSchema });
export type BoardQuery = z.input<typeof boardQuery>;

const counts = {
  expectedPeople: z.number().int(),
  registeredPeople: z.number().int(),
  expectedUnits: z.number().int(),
  registeredUnits: z.number().int(),
  /** Registered over expected, in per cent with one decimal; null when none is expected. */
  peopleRate: z.number().nullable(),
  unitRate: z.number().nullable(),
};
export const boardCounts = z.object(counts);
export type BoardCounts = z.infer<typeof boardCounts>;

export const boardScopes = ['direct', 'subtree'] as const;
export type BoardScope = (typeof boardScopes)[number];

export const boardUnitRow = z.object({
  unitId: z.number().int(),
  name: z.string(),
  /** "direct": the unit's own staff and the unit itself; "subtree": a child unit and everything below it. */
  scope: z.enum(boardScopes),
  ...counts,
  lastRemindedAt: z.string().nullable(),
  canRemind: z.boolean(),
});
export type BoardUnitRow = z.infer<typeof boardUnitRow>;

export const boardBlockRow = z.object({
  blockId: z.number().int(),
  name: z.string(),
  kind: z.string(),
  /** Member units within the board's unit. */
  memberUnitIds: z.array(z.number().int()),
  ...counts,
});
export type BoardBlockRow = z.infer<typeof boardBlockRow>;

export const registrationBoard = z.object({
  unit: z.object({ id: z.number().int(), name: z.string() }),
  movementId: z.number().int(),
  year: z.number().int(),
  total: boardCounts,
  rows: z.array(boardUnitRow),
  blocks: z.array(boardBlockRow),
});
export type RegistrationBoard = z.infer<typeof registrationBoard>;

/** Who has not registered in one row of the board: a unit's subtree, its own staff, or a block. */
export const boardMissingQuery = z.object({
  movementId: idSchema,
  year,
  unitId: idSchema,
  scope: z.enum(boardScopes).default('subtree'),
  /** A block of the board: its members within `unitId`'s subtree. */
  blockId: idSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type BoardMissingQuery = z.input<typeof boardMissingQuery>;
export const boardMissingItem = z.object({
  kind: z.enum(['person', 'unit']),
  id: z.number().int(),
  name: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
});
export type BoardMissingItem = z.infer<typeof boardMissingItem>;
export const boardMissingPage = paged(boardMissingItem);
export type BoardMissingPage = z.infer<typeof boardMissingPage>;

// ── Reminders (nhắc đăng ký) ────────────────────────────────────────────
export const remindBody = z.object({
  movementId: z.number().int().positive(),
  year: z.number().int().min(1990).max(2100),
  unitIds: z.array(z.number().int().positive()).min(1).max(200),
});
export type RemindBody = z.input<typeof remindBody>;
export const remindResult = z.object({
  reminders: z.array(z.object({ id: z.number().int(), unitId: z.number().int(), remindedAt: z.string() })),
});
export type RemindResult = z.infer<typeof remindResult>;
