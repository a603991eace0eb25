'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '@/server/routers/_app';
import { MAX_BATCH_CALLS } from './limits';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * A session that ended (signed out elsewhere, idle too long, the account disabled) makes every call a
 * 401: the page then goes to the sign-in page, which brings the user back here afterwards.
 */
function signInAgainOn401(error: unknown) {
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  if (status !== 401 || window.location.pathname === '/sign-in') return;
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?ended=1&next=${encodeURIComponent(here)}`);
}

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: signInAgainOn401 }),
    mutationCache: new MutationCache({ onError: signInAgainOn401 }),
    defaultOptions: {
      queries: {
        // Map data changes only when a plan takes effect or a worker moves; avoid refetch storms on focus.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A refusal (401, 403, 404) will not change on a retry.
        retry: (count, error) => count < 1 && ((error as { data?: { httpStatus?: number } }).data?.httpStatus ?? 500) >= 500,
      },
    },
  });
}

/** TanStack Query + tRPC for the client tree; the API is same-origin (nothing leaves the machine). */
export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Subscriptions (the command centre's live feed) are server-sent events: the browser's EventSource
        // reconnects by itself and sends the last event id, so nothing is lost or repeated.
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({ url: '/api/trpc', transformer: superjson }),
          false: httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: MAX_BATCH_CALLS }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
