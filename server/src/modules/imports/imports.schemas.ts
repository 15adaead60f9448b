import { importKinds, importRowError, type ImportJobView, type ImportKind } from '@thidua/contracts';
import { z } from 'zod';
import type { ImportJobRow } from './imports.repository.js';

export const kindParams = z.object({ kind: z.enum(importKinds) });

const storedErrors = z.array(importRowError).catch([]);

export function toImportJobView(row: ImportJobRow): ImportJobView {
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    status: row.status as ImportJobView['status'],
    fileName: row.file_name,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    goodRows: row.good_rows,
    badRows: row.bad_rows,
    importedRows: row.imported_rows,
    errors: storedErrors.parse(row.errors),
    failure: row.failure,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
