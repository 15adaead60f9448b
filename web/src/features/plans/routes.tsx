import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../app/paths';

// Each page loads on first visit, as the shell's own routes do.
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** The plans feature's pages, mounted inside the signed-in shell. */
export const plansRoutes: RouteObject[] = [
  { path: paths.plans, lazy: page(() => import('./plans-list-page')) },
  { path: `${paths.plans}/:id`, lazy: page(() => import('./plan-detail-page')) },
  { path: `${paths.plans}/:id/so-sanh`, lazy: page(() => import('./cascade/compare-page')) },
];
