import { z } from 'zod';
import { actions } from '../enums.js';

export const idSchema = z.coerce.number().int().positive();
export const idParams = z.object({ id: idSchema });

/** A calendar date as the API carries it: ISO yyyy-mm-dd (the UI shows dd/mm/yyyy). */
export const isoDate = z.iso.date();

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const allowedActions = z.array(z.enum(actions));

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    /** True when counting stopped at `total`: there are at least that many ("hơn 10.000"). */
    totalCapped: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** A free text that may be left empty: trimmed, at most `max` characters, '' read as null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const okResponse = z.object({ ok: z.literal(true) });
