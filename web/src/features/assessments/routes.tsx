import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../app/paths';
import { queryClient } from '../../app/query-client';
import { assessmentPaths } from './assessment-paths';
import { assessmentKeys, assessmentsApi } from './assessments-api';

// Pages load on first visit, as the shell's own routes do.
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** The assessments feature's pages, mounted inside the signed-in shell. */
export const assessmentsRoutes: RouteObject[] = [
  { path: assessmentPaths.mine, lazy: page(() => import('./assessments-page')) },
  { path: assessmentPaths.review, lazy: page(() => import('./assessments-page')) },
  { path: assessmentPaths.council, lazy: page(() => import('./assessments-page')) },
  {
    path: `${paths.assessments}/:id`,
    // The sheet is asked for while the page's code downloads; an error is the page's to show.
    loader: async ({ params }) => {
      const id = Number(params.id) || 0;
      if (id > 0) await queryClient.prefetchQuery({ queryKey: assessmentKeys.detail(id), queryFn: () => assessmentsApi.get(id) });
      return null;
    },
    lazy: page(() => import('./sheet-page')),
  },
];
