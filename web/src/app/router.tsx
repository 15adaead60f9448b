import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { setAuthHandlers } from './api';
import { BootSplash } from './page-spinner';
import { RouteError } from './route-error';
import { paths } from './paths';
import { queryClient } from './query-client';
import { fetchMe, ME_KEY, ME_STALE_TIME } from './session';
import { plansRoutes } from '../features/plans/routes';
import { registrationsRoutes } from '../features/registrations/routes';
import { assessmentsRoutes } from '../features/assessments/routes';
import { dashboardRoutes } from '../features/dashboard/routes';
import { reportsRoutes } from '../features/reports/routes';
import { awardsRoutes } from '../features/awards/routes';
import { commendationsRoutes } from '../features/commendations/routes';
import { BELL_PAGE_SIZE, notificationKeys, notificationsApi } from '../features/notifications/notifications-api';
import { fetchTasks, TASKS_KEY } from '../features/tasks/tasks-api';

const PUBLIC_PATHS: string[] = [paths.signIn, paths.forgotPassword, paths.resetPassword];

// Each route module loads on first visit, keeping the entry chunk small.
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

const routes: RouteObject[] = [
  {
    id: 'root',
    // Who is signed in is asked at once, while the first page's code downloads, rather than after it;
    // a failure is left to the page (prefetchQuery never throws), which offers to retry.
    loader: async () => {
      await queryClient.prefetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: ME_STALE_TIME });
      return null;
    },
    lazy: page(() => import('./providers')),
    errorElement: <RouteError />,
    HydrateFallback: BootSplash,
    children: [
      {
        lazy: page(() => import('./public-layout')),
        children: [
          { path: paths.signIn, lazy: page(() => import('../features/auth/sign-in-page')) },
          { path: paths.forgotPassword, lazy: page(() => import('../features/auth/forgot-password-page')) },
          { path: paths.resetPassword, lazy: page(() => import('../features/auth/reset-password-page')) },
          { path: paths.mfaSetup, lazy: page(() => import('../features/auth/mfa-setup-page')) },
        ],
      },
      {
        // The menu's badges (việc cần làm) and the bell are asked for beside who is signed in, while
        // the shell's code downloads, not once it has been drawn. Not awaited: the page draws without them.
        loader: () => {
          void queryClient.prefetchQuery({ queryKey: TASKS_KEY, queryFn: () => fetchTasks(true) });
          void queryClient.prefetchQuery({ queryKey: notificationKeys.list(BELL_PAGE_SIZE), queryFn: () => notificationsApi.list(BELL_PAGE_SIZE, true) });
          return null;
        },
        // Only on arrival: from then on the queries poll and refresh themselves.
        shouldRevalidate: () => false,
        lazy: page(() => import('./shell')),
        children: [
          { index: true, lazy: page(() => import('../features/home/home-page')) },
          { path: paths.units, lazy: page(() => import('../features/org/org-page')) },
          { path: paths.blocks, lazy: page(() => import('../features/blocks/blocks-page')) },
          { path: paths.people, lazy: page(() => import('../features/people/people-page')) },
          { path: paths.accounts, lazy: page(() => import('../features/accounts/accounts-page')) },
          { path: paths.audit, lazy: page(() => import('../features/audit/audit-page')) },
          { path: paths.account, lazy: page(() => import('../features/auth/account-page')) },
          { path: paths.notifications, lazy: page(() => import('../features/notifications/notifications-page')) },
          ...plansRoutes,
          ...registrationsRoutes,
          ...assessmentsRoutes,
          ...dashboardRoutes,
          ...reportsRoutes,
          ...awardsRoutes,
          ...commendationsRoutes,
          { path: '*', lazy: page(() => import('./not-found-page')) },
        ],
      },
    ],
  },
];

export function createAppRouter(queryClient: QueryClient) {
  const router = createBrowserRouter(routes);
  setAuthHandlers({
    onUnauthenticated: () => {
      queryClient.setQueryData(ME_KEY, null);
      const { pathname, search } = router.state.location;
      if (PUBLIC_PATHS.includes(pathname)) return;
      const next = pathname === paths.home ? '' : `?next=${encodeURIComponent(pathname + search)}`;
      void router.navigate(`${paths.signIn}${next}`, { replace: true });
    },
    onMfaSetupRequired: () => {
      if (router.state.location.pathname === paths.mfaSetup) return;
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      void router.navigate(paths.mfaSetup, { replace: true });
    },
  });
  return router;
}

