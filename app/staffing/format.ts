'use client';

import { useFormatter } from 'next-intl';

/** Money counted in fen (as the planner's figures are), shown in whole yuan. */
export function useFen() {
  const format = useFormatter();
  return (fen: number) => format.number(fen / 100, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 });
}
