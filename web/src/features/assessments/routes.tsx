import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../app/paths';
import { assessmentPaths } from './assessment-paths';

// Pages load on first visit, as the shell's own routes do.
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** The assessments feature's pages, mounted inside the signed-in shell. */
export const assessmentsRoutes: RouteObject[] = [
  { path: assessmentPaths.mine, lazy: page(() => import('./assessments-page')) },
  { path: assessmentPaths.review, lazy: page(() => import('./assessments-page')) },
  { path: assessmentPaths.council, lazy: page(() => import('./assessments-page')) },
  { path: `${paths.assessments}/:id`, lazy: page(() => import('./sheet-page')) },
];
