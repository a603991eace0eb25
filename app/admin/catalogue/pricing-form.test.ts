import { describe, expect, it } from 'vitest';
import { parsePricing, parsePricingValue, pricingDraft } from './pricing-form';

describe('the pricing form', () => {
  const pricing = { fullTimePerGrid: 1, partTimePerGrid: 0.5, fullTimeMonthlyYuan: 4500, partTimeMonthlyYuan: 800 };

  it('starts from the pricing and gives it back unchanged', () => {
    expect(parsePricing(pricingDraft(pricing))).toEqual({ valid: true, value: pricing });
  });

  it('reads numbers as a Chinese input method types them', () => {
    expect(parsePricingValue('fullTimeMonthlyYuan', '４５００．５０')).toEqual({ valid: true, value: 4500.5 });
    expect(parsePricingValue('partTimePerGrid', ' 0.5 ')).toEqual({ valid: true, value: 0.5 });
  });

  it('says why a value cannot be sent', () => {
    expect(parsePricingValue('fullTimePerGrid', '')).toEqual({ valid: false, reason: 'PRICING_REQUIRED' });
    expect(parsePricingValue('fullTimePerGrid', 'one')).toEqual({ valid: false, reason: 'PRICING_NOT_A_NUMBER' });
    expect(parsePricingValue('fullTimePerGrid', '21')).toEqual({ valid: false, reason: 'PER_GRID_OUT_OF_RANGE' });
    expect(parsePricingValue('partTimePerGrid', '-1')).toEqual({ valid: false, reason: 'PER_GRID_OUT_OF_RANGE' });
    expect(parsePricingValue('partTimeMonthlyYuan', '1000000.01')).toEqual({ valid: false, reason: 'MONTHLY_OUT_OF_RANGE' });
    expect(parsePricingValue('partTimeMonthlyYuan', '800.125')).toEqual({ valid: false, reason: 'PRICING_PRECISION' });
    expect(parsePricingValue('partTimeMonthlyYuan', '800.120')).toEqual({ valid: true, value: 800.12 });
  });

  it('lists every wrong field in the form’s order', () => {
    expect(parsePricing({ fullTimePerGrid: 'x', fullTimeMonthlyYuan: '4500', partTimePerGrid: '30', partTimeMonthlyYuan: '' })).toEqual({
      valid: false,
      problems: [
        { field: 'fullTimePerGrid', reason: 'PRICING_NOT_A_NUMBER' },
        { field: 'partTimePerGrid', reason: 'PER_GRID_OUT_OF_RANGE' },
        { field: 'partTimeMonthlyYuan', reason: 'PRICING_REQUIRED' },
      ],
    });
  });
});
