/**
 * Numbers as the planner shows them, per locale (Intl, so 1,234 and ¥1,234 read as each language writes
 * them): counts, shares and signed changes, compactness to three decimals, and money from fen (the
 * figures count money in fen, so sums are exact) in yuan, with fen shown only when there are some.
 */
export const NONE = '—';

export interface PlannerFormat {
  count: (n: number | null) => string;
  /** A change of a count: +3, −2, 0. */
  signedCount: (n: number | null) => string;
  /** A share 0..1 as a percent with one decimal. */
  share: (x: number | null) => string;
  /** A change of a share 0..1, in percentage points with a sign. */
  signedShare: (x: number | null) => string;
  /** A value already in percent (the subsidy's change), with a sign. */
  signedPercent: (p: number | null) => string;
  /** Compactness (Polsby-Popper, 0..1). */
  ratio: (x: number | null) => string;
  signedRatio: (x: number | null) => string;
  /** Money counted in fen, written in yuan. */
  yuan: (fen: number | null) => string;
  signedYuan: (fen: number | null) => string;
  /** A plain yuan amount (the pricing's monthly subsidies). */
  yuanAmount: (yuan: number | null) => string;
  /** Workers per grid (the staffing rule: 1, 0.5). */
  perGrid: (x: number | null) => string;
  moment: (d: Date | null) => string;
}

const MINUS = '−';

export function plannerFormat(locale: string): PlannerFormat {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signedCount = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const share = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signedShare = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const ratio = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const signedRatio = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3, signDisplay: 'exceptZero' });
  const perGrid = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const money = (fractions: number, signed: boolean) =>
    new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'CNY',
      minimumFractionDigits: fractions,
      maximumFractionDigits: fractions,
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
    });
  const yuanWhole = money(0, false);
  const yuanFen = money(2, false);
  const signedYuanWhole = money(0, true);
  const signedYuanFen = money(2, true);
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  // Intl writes a hyphen-minus; the typographic minus reads better beside a plus and in tables.
  const minus = (s: string) => s.replace('-', MINUS);
  const none = <T,>(f: (v: T) => string) => (v: T | null) => (v === null || (typeof v === 'number' && !Number.isFinite(v)) ? NONE : f(v));
  return {
    count: none((n: number) => count.format(n)),
    signedCount: none((n: number) => minus(signedCount.format(n))),
    share: none((x: number) => share.format(x)),
    signedShare: none((x: number) => minus(signedShare.format(x))),
    signedPercent: none((p: number) => minus(signedShare.format(p / 100))),
    ratio: none((x: number) => ratio.format(x)),
    signedRatio: none((x: number) => minus(signedRatio.format(x))),
    yuan: none((fen: number) => (Math.round(fen) % 100 === 0 ? yuanWhole : yuanFen).format(Math.round(fen) / 100)),
    signedYuan: none((fen: number) => minus((Math.round(fen) % 100 === 0 ? signedYuanWhole : signedYuanFen).format(Math.round(fen) / 100))),
    yuanAmount: none((y: number) => (Math.round(y * 100) % 100 === 0 ? yuanWhole : yuanFen).format(y)),
    perGrid: none((x: number) => perGrid.format(x)),
    moment: none((d: Date) => moment.format(d)),
  };
}
