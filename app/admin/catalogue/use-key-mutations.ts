'use client';

import { useMutation, useQueryClient, type QueryKey, type UseMutationOptions } from '@tanstack/react-query';
import type { PartnerKeyRow } from '@/server/incidents/partners';
import type { DepartmentKeyRow } from '@/server/ogc/department-keys';

/** What a key's row carries whichever interface it opens (Open311 for partners, /ogc for departments). */
export type IssuedKeyRow = Pick<PartnerKeyRow, keyof PartnerKeyRow & keyof DepartmentKeyRow>;

/**
 * Issuing a key (`options` from the procedure's mutationOptions); the list (`listKey`) is read again
 * afterwards, whatever the answer.
 */
export function useIssueKey<TData extends { key: string }, TError, TInput>(options: UseMutationOptions<TData, TError, TInput>, listKey: QueryKey) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    // Security: the key is not kept in the mutation cache once shown.
    gcTime: 0,
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
  });
}

/** Revoking a key: marked revoked in the list at once, the list read again for the server's time. */
export function useRevokeKey<TData, TError>(options: UseMutationOptions<TData, TError, { id: number }>, listKey: QueryKey) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    onSuccess: (_, { id }) =>
      queryClient.setQueryData<IssuedKeyRow[]>(listKey, (old) => old?.map((k) => (k.id === id ? { ...k, revokedAt: k.revokedAt ?? new Date() } : k))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
  });
}
