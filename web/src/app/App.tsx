import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { ApiError } from './api';
import { createAppRouter } from './router';

const queryClient: QueryClient = new QueryClient({
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

const router = createAppRouter(queryClient);

/** The entry: data cache and router only; antd arrives with the first route (see providers.tsx). */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
