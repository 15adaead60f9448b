import type { plansVi } from './locale.vi';

// English texts of the plans feature, loaded only when someone switches language.
export const plansEn: typeof plansVi = {
  title: 'Plans',
};
