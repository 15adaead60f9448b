// Texts of the assessments feature; locale.en.ts has the same keys.
export const assessmentsVi = {
  title: 'Đánh giá',
};
