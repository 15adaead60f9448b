import type { assessmentsVi } from './locale.vi';

// English texts of the assessments feature, loaded only when someone switches language.
export const assessmentsEn: typeof assessmentsVi = {
  title: 'Assessment',
};
