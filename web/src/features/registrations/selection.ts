import type { MovementOption } from '@thidua/contracts';
import { useAddressParams } from '../../app/hooks';
import { appYear } from '../../app/clock';

// The page's choices live in the address (?tab=&m=&y=&u=), so a link or a reload keeps them.

export type RegistrationTab = 'mine' | 'unit' | 'board';

export interface Selection {
  tab: RegistrationTab | null;
  movementId: number | undefined;
  year: number | undefined;
  unitId: number | undefined;
  set(changes: Partial<{ tab: RegistrationTab; movementId: number | null; year: number | null; unitId: number | null }>): void;
}

export function useSelection(): Selection {
  const [params, setParams] = useAddressParams();
  const num = (k: string) => Number(params.get(k)) || undefined;
  const tab = params.get('tab');
  return {
    tab: tab === 'mine' || tab === 'unit' || tab === 'board' ? tab : null,
    movementId: num('m'),
    year: num('y'),
    unitId: num('u'),
    set(changes) {
      setParams({ tab: changes.tab, m: changes.movementId, y: changes.year, u: changes.unitId });
    },
  };
}

/** This year when the movement runs this year, else the nearest of its years. */
export function defaultYear(m: MovementOption): number {
  const now = appYear();
  return Math.min(Math.max(now, m.startYear), m.endYear);
}

/** The movement and year to show: the chosen ones when they fit the options, else sensible defaults. */
export function effectiveChoice(movements: MovementOption[] | undefined, movementId: number | undefined, year: number | undefined) {
  const movement = movements?.find((m) => m.id === movementId) ?? movements?.[0];
  if (!movement) return { movement: undefined, year: undefined };
  const y = year !== undefined && year >= movement.startYear && year <= movement.endYear ? year : defaultYear(movement);
  return { movement, year: y };
}
