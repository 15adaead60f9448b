import type { evidenceVi } from './locale.vi';

// English texts of the evidence feature, loaded only when someone switches language.
export const evidenceEn: typeof evidenceVi = {
  title: 'Evidence',
};
