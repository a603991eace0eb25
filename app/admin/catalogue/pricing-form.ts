/**
 * The planner's pricing (网格员补贴标准) as the administrator types it: workers per comprehensive grid
 * (0 to 20, e.g. 1 or 0.5) and each one's monthly subsidy in yuan (0 to 1,000,000), two decimals at most,
 * the bounds planner.setPricing checks again. Pure.
 */
import type { StaffingPricing } from '@/server/settings';
import { normalizeNumber, type CatalogueReason, type Checked } from './reasons';

export const PRICING_FIELDS = ['fullTimePerGrid', 'fullTimeMonthlyYuan', 'partTimePerGrid', 'partTimeMonthlyYuan'] as const;
export type PricingField = (typeof PRICING_FIELDS)[number];
export type PricingDraft = Record<PricingField, string>;

export const PER_GRID_MAX = 20;
export const MONTHLY_MAX = 1_000_000;

const isPerGrid = (f: PricingField) => f === 'fullTimePerGrid' || f === 'partTimePerGrid';

export function pricingDraft(p: StaffingPricing): PricingDraft {
  return Object.fromEntries(PRICING_FIELDS.map((f) => [f, String(p[f])])) as PricingDraft;
}

export function parsePricingValue(field: PricingField, typed: string): Checked<number> {
  const text = normalizeNumber(typed);
  if (text === '') return { valid: false, reason: 'PRICING_REQUIRED' };
  const m = /^-?[0-9]+(?:\.([0-9]+))?$/.exec(text);
  if (!m) return { valid: false, reason: 'PRICING_NOT_A_NUMBER' };
  const value = Number(text);
  if (value < 0 || value > (isPerGrid(field) ? PER_GRID_MAX : MONTHLY_MAX)) {
    return { valid: false, reason: isPerGrid(field) ? 'PER_GRID_OUT_OF_RANGE' : 'MONTHLY_OUT_OF_RANGE' };
  }
  if ((m[1] ?? '').replace(/0+$/, '').length > 2) return { valid: false, reason: 'PRICING_PRECISION' };
  return { valid: true, value };
}

export type PricingResult = { valid: true; value: StaffingPricing } | { valid: false; problems: { field: PricingField; reason: CatalogueReason }[] };

/** The pricing to send, or every field that is wrong (in the form's order). */
export function parsePricing(draft: PricingDraft): PricingResult {
  const problems: { field: PricingField; reason: CatalogueReason }[] = [];
  const value: Partial<StaffingPricing> = {};
  for (const f of PRICING_FIELDS) {
    const r = parsePricingValue(f, draft[f]);
    if (r.valid) value[f] = r.value;
    else problems.push({ field: f, reason: r.reason });
  }
  return problems.length ? { valid: false, problems } : { valid: true, value: value as StaffingPricing };
}
