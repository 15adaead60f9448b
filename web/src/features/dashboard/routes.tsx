import type { RouteObject } from 'react-router';

/** The dashboard feature's pages, mounted inside the signed-in shell. */
export const dashboardRoutes: RouteObject[] = [];
