'use client';

import { useFormatter } from 'next-intl';
import { useCallback } from 'react';
import { inMegabytes } from './import-stage';

/** A size in bytes as the page writes it: megabytes, at most one decimal, the locale's digits grouping. */
export function useMegabytes() {
  const format = useFormatter();
  return useCallback((bytes: number) => format.number(inMegabytes(bytes), { maximumFractionDigits: 1 }), [format]);
}
