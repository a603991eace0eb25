import { describe, expect, it } from 'vitest';
import { readBoundaryLabel } from './boundary-label';

describe('readBoundaryLabel', () => {
  it('labels a community boundary by its name and 12-digit code, whatever the keys are called', () => {
    expect(readBoundaryLabel({ 社区编码: '320102001001', 社区名称: '长江路社区', 面积: 1.2 }).properties).toEqual({ label: '长江路社区（320102001001）' });
    expect(readBoundaryLabel({ NAME: '长江路社区' }).properties).toEqual({ label: '长江路社区' });
    expect(readBoundaryLabel({ adcode: 320102001001 }).properties).toEqual({ label: '320102001001' });
  });
  it('accepts anything and refuses nothing', () => {
    for (const raw of [null, undefined, 7, 'x', [], { __proto__: { name: 'x' } }, { name: '' }, { code: { nested: true } }]) {
      const r = readBoundaryLabel(raw);
      expect(r.errors).toEqual([]);
      expect(r.properties).toEqual({ label: null });
    }
  });
  it('keeps labels short and free of control characters', () => {
    const label = readBoundaryLabel({ name: `长江路\u0000社区${'很'.repeat(100)}` }).properties!.label!;
    expect(label).not.toMatch(/\u0000/);
    expect(label.length).toBeLessThanOrEqual(61);
  });
});
