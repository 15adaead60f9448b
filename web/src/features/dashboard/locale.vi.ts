// Texts of the dashboard feature; locale.en.ts has the same keys.
export const dashboardVi = {
  title: 'Tổng hợp',
};
