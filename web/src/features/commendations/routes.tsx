import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { roundPaths } from './round-paths';

const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** The commendation flow's pages, mounted inside the signed-in shell. */
export const commendationsRoutes: RouteObject[] = [
  { path: roundPaths.list, lazy: page(() => import('./rounds-page')) },
  { path: roundPaths.fund, lazy: page(() => import('./fund-page')) },
  { path: roundPaths.pattern, lazy: page(() => import('./round-page')) },
];
