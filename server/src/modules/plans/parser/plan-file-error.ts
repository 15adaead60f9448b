import { AppError } from '../../../platform/errors.js';

/**
 * A file that cannot be read as a plan at all (not a .docx, a zip bomb, binary junk): the API
 * answers FILE_INVALID (400) with the reason in both languages, and nothing is stored.
 * A readable document that merely has no recognisable structure is never this error.
 */
export class PlanFileError extends AppError {
  constructor(
    readonly reason: string,
    readonly reasonEn: string,
  ) {
    super('FILE_INVALID', { reason, reasonEn });
    this.name = 'PlanFileError';
    this.message = `${reason} / ${reasonEn}`;
  }
}
