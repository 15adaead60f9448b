import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { awardPaths } from './award-paths';

const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** Commendation's pages, mounted inside the signed-in shell. */
export const awardsRoutes: RouteObject[] = [{ path: awardPaths.recordPattern, lazy: page(() => import('./record-page')) }];
