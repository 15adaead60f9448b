import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/**
 * The app's one data cache, shared by the pages and by the routes' loaders, which start a page's
 * first request while its code is still downloading.
 */
export const queryClient: QueryClient = new QueryClient({
  // Whatever the person just did may have finished a task or made one (việc cần làm): refresh the
  // inbox and its menu badges after every change.
  mutationCache: new MutationCache({
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tasks'] }),
  }),
  defaultOptions: {
    queries: {
      // A 4xx will answer the same the next time: show it at once.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});
