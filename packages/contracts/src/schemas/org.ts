import { z } from 'zod';
import { employmentCategories, genders, roles, unitKinds, unitStatuses } from '../enums.js';
import { allowedActions, isoDate, optionalText, paged, pageQuery } from './common.js';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

// ── Units (cơ quan, đơn vị) ─────────────────────────────────────────────
export const unitCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9._-]+$/, 'Chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang / letters, digits, . _ - only');

export const unitView = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  path: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(unitKinds),
  status: z.enum(unitStatuses),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  successorId: z.number().int().nullable(),
  successorName: z.string().nullable(),
  childCount: z.number().int(),
  allowed: allowedActions,
});
export type UnitView = z.infer<typeof unitView>;

export const unitDetail = unitView.extend({
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  predecessors: z.array(z.object({ id: z.number().int(), name: z.string(), status: z.enum(unitStatuses), validTo: z.string().nullable() })),
  peopleCount: z.number().int(),
});
export type UnitDetail = z.infer<typeof unitDetail>;

export const listUnitsQuery = z.object({
  parentId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(200).optional(),
  includeInactive: z.stringbool().default(false),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const unitList = z.object({ items: z.array(unitView) });
export type ListUnitsQuery = z.infer<typeof listUnitsQuery>;
export type UnitList = z.infer<typeof unitList>;

export const createUnitBody = z.object({
  parentId: z.number().int().positive(),
  code: unitCode,
  name: trimmed(300),
  shortName: optionalText(100),
  kind: z.enum(unitKinds),
  validFrom: isoDate.optional(),
});
export type CreateUnitBody = z.infer<typeof createUnitBody>;

export const updateUnitBody = z
  .object({
    parentId: z.number().int().positive(),
    code: unitCode,
    name: trimmed(300),
    shortName: optionalText(100),
    kind: z.enum(unitKinds),
    validFrom: isoDate,
  })
  .partial();
export type UpdateUnitBody = z.infer<typeof updateUnitBody>;

/** Merge (sáp nhập) or dissolve (giải thể) a unit into a successor. */
export const retireUnitBody = z.object({
  mode: z.enum(['merged', 'dissolved']),
  successorId: z.number().int().positive(),
  date: isoDate,
  note: optionalText(1000),
});
export type RetireUnitBody = z.infer<typeof retireUnitBody>;

// ── Blocks (Khối/Cụm thi đua) ───────────────────────────────────────────
export const blockKinds = ['khoi', 'cum'] as const;
export const blockView = z.object({
  id: z.number().int(),
  year: z.number().int(),
  kind: z.enum(blockKinds),
  name: z.string(),
  organizerUnitId: z.number().int(),
  organizerUnitName: z.string(),
  headUnitId: z.number().int().nullable(),
  headUnitName: z.string().nullable(),
  deputyUnitId: z.number().int().nullable(),
  deputyUnitName: z.string().nullable(),
  members: z.array(z.object({ id: z.number().int(), name: z.string(), code: z.string() })),
  allowed: allowedActions,
});
export type BlockView = z.infer<typeof blockView>;
export const listBlocksQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  organizerUnitId: z.coerce.number().int().positive().optional(),
});
export type ListBlocksQuery = z.infer<typeof listBlocksQuery>;
export const blockList = z.object({ items: z.array(blockView) });
export type BlockList = z.infer<typeof blockList>;
export const blockBody = z.object({
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(blockKinds),
  name: trimmed(300),
  organizerUnitId: z.number().int().positive(),
  headUnitId: z.number().int().positive().nullable(),
  deputyUnitId: z.number().int().positive().nullable(),
  memberUnitIds: z.array(z.number().int().positive()).max(5000),
});
export type BlockBody = z.infer<typeof blockBody>;

// ── People (CBCCVC, người lao động) ─────────────────────────────────────
export const personView = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  fullName: z.string(),
  gender: z.enum(genders),
  birthDate: z.string().nullable(),
  category: z.enum(employmentCategories),
  position: z.string().nullable(),
  unitId: z.number().int(),
  unitName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isActive: z.boolean(),
  allowed: allowedActions,
});
export type PersonView = z.infer<typeof personView>;
export const personDetail = personView.extend({
  assignments: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      position: z.string().nullable(),
      startedOn: z.string(),
      endedOn: z.string().nullable(),
    }),
  ),
  accountId: z.number().int().nullable(),
});
export type PersonDetail = z.infer<typeof personDetail>;
export const listPeopleQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  includeSubunits: z.stringbool().default(true),
  category: z.enum(employmentCategories).optional(),
  gender: z.enum(genders).optional(),
});
export const peoplePage = paged(personView);

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .-]{8,15}$/, 'Số điện thoại không hợp lệ / invalid phone number');
export const personBody = z.object({
  code: optionalText(50),
  fullName: trimmed(200),
  gender: z.enum(genders),
  birthDate: isoDate.nullish(),
  category: z.enum(employmentCategories),
  position: optionalText(200),
  unitId: z.number().int().positive(),
  email: z.email().nullish().or(z.literal('').transform(() => null)),
  phone: phone.nullish().or(z.literal('').transform(() => null)),
});
export type PersonBody = z.infer<typeof personBody>;
export const updatePersonBody = personBody.omit({ unitId: true }).partial().extend({ isActive: z.boolean().optional() });
/** Move a person to another unit (điều động, luân chuyển), keeping history. */
export const transferPersonBody = z.object({
  unitId: z.number().int().positive(),
  position: optionalText(200),
  date: isoDate,
});

// ── Accounts and role grants ────────────────────────────────────────────
export const userView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  personId: z.number().int().nullable(),
  isActive: z.boolean(),
  mfaEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  grants: z.array(
    z.object({ id: z.number().int(), role: z.enum(roles), unitId: z.number().int(), unitName: z.string() }),
  ),
});
export type UserView = z.infer<typeof userView>;
export const listUsersQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  unitId: z.coerce.number().int().positive().optional(),
});
export const usersPage = paged(userView);
export const createUserBody = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(100)
    .regex(/^[a-zA-Z0-9._@-]+$/, 'Chỉ gồm chữ không dấu, số và . _ @ - / letters, digits, . _ @ - only'),
  displayName: trimmed(200),
  email: z.email().nullish(),
  personId: z.number().int().positive().nullish(),
  password: z.string().min(10).max(1000),
});
export const updateUserBody = z.object({
  displayName: trimmed(200).optional(),
  email: z.email().nullish(),
  isActive: z.boolean().optional(),
  unlock: z.boolean().optional(),
});
export const roleGrantBody = z.object({
  userId: z.number().int().positive(),
  role: z.enum(roles),
  unitId: z.number().int().positive(),
});
export const roleGrantView = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  unitId: z.number().int(),
  unitName: z.string(),
  createdAt: z.string(),
});
export const listGrantsQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  userId: z.coerce.number().int().positive().optional(),
});
export const roleGrantList = z.object({ items: z.array(roleGrantView) });
