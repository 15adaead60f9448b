import type { RouteObject } from 'react-router';

/** The registrations feature's pages, mounted inside the signed-in shell. */
export const registrationsRoutes: RouteObject[] = [];
