import { z } from 'zod';

export const importKinds = ['people', 'units'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importStatuses = ['validating', 'validated', 'importing', 'done', 'failed'] as const;

export const importRowError = z.object({
  row: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
  messageEn: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const importJobView = z.object({
  id: z.number().int(),
  kind: z.enum(importKinds),
  status: z.enum(importStatuses),
  fileName: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  goodRows: z.number().int(),
  badRows: z.number().int(),
  importedRows: z.number().int(),
  /** The first bad rows, with their row number in the file and the reason. */
  errors: z.array(importRowError),
  failure: z.string().nullable(),
  createdAt: z.string(),
});
export type ImportJobView = z.infer<typeof importJobView>;
export const commitImportBody = z.object({ onlyGoodRows: z.boolean().default(false) });
