/** Calls per batched request: the server refuses more (MAX_BATCH_CALLS in server/trpc.ts; a test keeps them equal). */
export const BATCH_MAX_ITEMS = 16;
