import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../app/paths';

// Pages load on first visit, as the shell's own routes do.
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** The periodic reports' pages (báo cáo định kỳ), mounted inside the signed-in shell. */
export const reportsRoutes: RouteObject[] = [
  { path: paths.reports, lazy: page(() => import('./reports-page')) },
  { path: `${paths.reports}/mau`, lazy: page(() => import('./templates-page')) },
  { path: `${paths.reports}/mau/:id`, lazy: page(() => import('./template-editor-page')) },
  { path: `${paths.reports}/don-vi/:unitId/:templateId/:periodKey`, lazy: page(() => import('./open-report-page')) },
  { path: `${paths.reports}/:id`, lazy: page(() => import('./report-page')) },
];
