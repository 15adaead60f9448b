import { z } from 'zod';

export const importKinds = ['people', 'units', 'records'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importStatuses = ['validating', 'validated', 'importing', 'done', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];
/** Formats accepted for upload; templates (GET /api/imports/templates/{kind}.{format}) come in both. */
export const importFileFormats = ['xlsx', 'csv'] as const;
export type ImportFileFormat = (typeof importFileFormats)[number];
/** Largest file the server accepts, so that the web client can say so before uploading. */
export const importMaxBytes = 30 * 1024 * 1024;
/** Rows one file may hold; larger lists are split into several files. */
export const importMaxRows = 200_000;

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
