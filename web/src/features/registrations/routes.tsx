import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../app/paths';

// The page loads on first visit, as the shell's own routes do.
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** The registrations feature's pages, mounted inside the signed-in shell. */
export const registrationsRoutes: RouteObject[] = [{ path: paths.registrations, lazy: page(() => import('./registrations-page')) }];
