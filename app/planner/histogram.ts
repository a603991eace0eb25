/**
 * The households-per-grid distribution of today and of a scenario in common bins, for the figures'
 * chart and its table: bins of one "nice" width (1, 2, 2.5 or 5 times a power of ten) from 0 to past
 * the largest grid and the range's maximum, so both series and the range band share one axis. Pure.
 */
export interface HistogramBin {
  /** Households from (inclusive) … to (exclusive). */
  from: number;
  to: number;
  today: number;
  scenario: number;
}

export interface Histogram {
  width: number;
  bins: HistogramBin[];
  /** The tallest bar of either series (the chart's scale), at least 1. */
  maxCount: number;
  /** Where the axis ends: the last bin's end. */
  end: number;
}

/** The smallest nice step at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const step = m * power;
    // Steps are whole households: 2.5 only from 25 up.
    if (step >= raw && Number.isInteger(step)) return step;
  }
  return 10 * power;
}

export function householdBins(today: readonly number[], scenario: readonly number[], range: { min: number; max: number }, targetBins = 12): Histogram {
  const largest = Math.max(0, range.max, ...today, ...scenario);
  const width = niceStep(largest / Math.max(1, targetBins));
  // The last bin holds the largest value (bins are half-open).
  const count = Math.floor(largest / width) + 1;
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => ({ from: i * width, to: (i + 1) * width, today: 0, scenario: 0 }));
  const put = (values: readonly number[], key: 'today' | 'scenario') => {
    for (const v of values) {
      if (!Number.isFinite(v) || v < 0) continue;
      bins[Math.min(count - 1, Math.floor(v / width))]![key]++;
    }
  };
  put(today, 'today');
  put(scenario, 'scenario');
  const maxCount = Math.max(1, ...bins.map((b) => Math.max(b.today, b.scenario)));
  return { width, bins, maxCount, end: count * width };
}
