import type { RouteObject } from 'react-router';

/** The plans feature's pages, mounted inside the signed-in shell. */
export const plansRoutes: RouteObject[] = [];
