// Texts of the plans feature; locale.en.ts has the same keys.
export const plansVi = {
  title: 'Kế hoạch',
};
