import type { Executor } from './database.js';
import type { EvidenceStorage, StorageKind } from './storage.js';

// After a restore (or whenever an operator wonders), every evidence row that names a stored file is
// checked against its store: the file is there with the size recorded at upload. Nothing is read
// but the file's size, so the check is quick on disk and one HEAD request per object on S3.

export interface StoredFileProblem {
  evidenceId: number;
  storage: string;
  key: string;
  problem: 'missing' | 'wrong_size' | 'store_not_configured';
}

export interface StoredFilesReport {
  checked: number;
  /** Rows whose file is missing, of another size, or in a store this configuration lacks. */
  problems: number;
  /** The first problems, to show. */
  examples: StoredFileProblem[];
  /** Problem rows by store: what an operator must copy, and where from. */
  byStorage: Record<string, number>;
}

const PAGE = 500;
const AT_ONCE = 16;
const EXAMPLES = 20;

/** Checks that every evidence file the database names is in its store, with its recorded size. */
export async function checkStoredFiles(db: Executor, storage: EvidenceStorage): Promise<StoredFilesReport> {
  const report: StoredFilesReport = { checked: 0, problems: 0, examples: [], byStorage: {} };
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('evidence')
      .select(['id', 'storage', 'storage_key', 'size_bytes'])
      .where('storage_key', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return report;
    after = rows[rows.length - 1]!.id;
    for (let i = 0; i < rows.length; i += AT_ONCE) {
      const found = await Promise.all(
        rows.slice(i, i + AT_ONCE).map(async (row): Promise<StoredFileProblem | null> => {
          const kind = (row.storage ?? 'disk') as StorageKind;
          const key = row.storage_key!;
          const store = storage.of(kind);
          const base = { evidenceId: row.id, storage: kind, key };
          if (!store) return { ...base, problem: 'store_not_configured' };
          const size = await store.sizeOf(key);
          if (size === null) return { ...base, problem: 'missing' };
          if (row.size_bytes !== null && Number(row.size_bytes) !== size) return { ...base, problem: 'wrong_size' };
          return null;
        }),
      );
      report.checked += found.length;
      for (const p of found) {
        if (!p) continue;
        report.problems++;
        report.byStorage[p.storage] = (report.byStorage[p.storage] ?? 0) + 1;
        if (report.examples.length < EXAMPLES) report.examples.push(p);
      }
    }
  }
}
