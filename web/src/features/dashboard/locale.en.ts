import type { dashboardVi } from './locale.vi';

// English texts of the dashboard feature, loaded only when someone switches language.
export const dashboardEn: typeof dashboardVi = {
  title: 'Dashboard',
};
