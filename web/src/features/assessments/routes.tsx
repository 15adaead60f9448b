import type { RouteObject } from 'react-router';

/** The assessments feature's pages, mounted inside the signed-in shell. */
export const assessmentsRoutes: RouteObject[] = [];
