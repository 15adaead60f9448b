import type { registrationsVi } from './locale.vi';

// English texts of the registrations feature, loaded only when someone switches language.
export const registrationsEn: typeof registrationsVi = {
  title: 'Registration',
};
