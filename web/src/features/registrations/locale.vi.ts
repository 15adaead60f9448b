// Texts of the registrations feature; locale.en.ts has the same keys.
export const registrationsVi = {
  title: 'Đăng ký thi đua',
};
