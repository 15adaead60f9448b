import type { DocumentSettings, SignPrefix } from '@thidua/contracts';
import type { Executor } from '../../platform/database.js';
import { documentSettingsRepository, type DocumentSettingsRow } from '../org/document-settings.repository.js';
import { documentsRepository, type UnitLine } from './documents.repository.js';
import { defaultDocumentSettings } from './issuer.js';

// What a unit's documents print: its stored document settings, else the defaults from the tree.

/** A stored row as the settings the contract describes. */
export function settingsOfRow(row: DocumentSettingsRow): DocumentSettings {
  return {
    governingBody: row.governing_body,
    issuingBody: row.issuing_body,
    codeSuffix: row.code_suffix,
    place: row.place,
    signPrefix: row.sign_prefix as SignPrefix | null,
    signAuthority: row.sign_authority,
    signerTitle: row.signer_title,
    signerName: row.signer_name,
  };
}

export interface UnitDocumentSettings {
  /** What the documents print. */
  settings: DocumentSettings;
  /** What the tree gives without stored settings. */
  defaults: DocumentSettings;
  stored: DocumentSettingsRow | undefined;
  /** The unit and those above it, root first. */
  lineage: UnitLine[];
}

/** The document settings of the unit at `unitPath` (its id is the path's last label). */
export async function unitDocumentSettings(db: Executor, unitPath: string): Promise<UnitDocumentSettings> {
  const unitId = Number(unitPath.split('.').at(-1));
  const [lineage, stored] = await Promise.all([documentsRepository.lineage(db, unitPath), documentSettingsRepository.find(db, unitId)]);
  const defaults = defaultDocumentSettings(lineage);
  return { settings: stored ? settingsOfRow(stored) : defaults, defaults, stored, lineage };
}
