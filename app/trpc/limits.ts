/**
 * The most calls one batched tRPC request may carry: the client's httpBatchLink splits at it, the server
 * (createContext in server/trpc.ts) refuses more. Its own module, free of server code, so both import it.
 */
export const MAX_BATCH_CALLS = 16;
