import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { queryClient } from './query-client';
import { createAppRouter } from './router';

const router = createAppRouter(queryClient);

/** The entry: data cache and router only; antd arrives with the first route (see providers.tsx). */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
