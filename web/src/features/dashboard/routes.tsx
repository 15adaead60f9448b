import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../app/paths';

// The page, its charts and tables load on first visit, in their own chunk.
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** The dashboard feature's pages, mounted inside the signed-in shell. */
export const dashboardRoutes: RouteObject[] = [{ path: paths.dashboard, lazy: page(() => import('./dashboard-page')) }];
