import type { PlannerFormat } from './format';

/** How a figure is written: a count, a share 0..1, compactness 0..1, money in fen, a change of money, a percent. */
export type FigureKind = 'count' | 'share' | 'ratio' | 'money' | 'moneyChange' | 'percent';

/** A figure's value as its kind is written. */
export function formatFigure(format: PlannerFormat, kind: FigureKind, v: number | null): string {
  switch (kind) {
    case 'count':
      return format.count(v);
    case 'share':
      return format.share(v);
    case 'ratio':
      return format.ratio(v);
    case 'money':
      return format.yuan(v);
    case 'moneyChange':
      // The value is itself a change against today: signed.
      return format.signedYuan(v);
    case 'percent':
      return format.signedPercent(v);
  }
}

/** A difference of two values of a kind, signed. */
export function formatChange(format: PlannerFormat, kind: FigureKind, v: number | null): string {
  switch (kind) {
    case 'count':
      return format.signedCount(v);
    case 'share':
      return format.signedShare(v);
    case 'ratio':
      return format.signedRatio(v);
    case 'money':
    case 'moneyChange':
      return format.signedYuan(v);
    case 'percent':
      // A difference of two percents, in percentage points written as a signed percent.
      return format.signedPercent(v);
  }
}
