import type { RoundStatus } from '@thidua/contracts';
import { tagColors } from '../../app/theme';

/** A round's step as a tag colour: the council's work in blue, done in green. */
export const statusColor: Record<RoundStatus, string> = {
  proposing: tagColors.neutral,
  voting: tagColors.info,
  voted: tagColors.merged,
  decided: tagColors.active,
};
