// Texts of the evidence feature; locale.en.ts has the same keys.
export const evidenceVi = {
  title: 'Minh chứng',
};
