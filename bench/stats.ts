/** The figures every benchmark reports: nearest-rank quantiles, rounded to a tenth of a millisecond. */
export const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
};

export const round1 = (x: number): number => Math.round(x * 10) / 10;
