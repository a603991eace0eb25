import { describe, expect, it } from 'vitest';
import { PHASE_RGB } from './case-paint';
import { ReplayScene, type ReplayCaseLike } from './replay-scene';

const H = 3_600_000;
const cases: ReplayCaseLike[] = [
  { id: 9, code: 'SJ9', category: 'dispute', gridCode: '320102008001001', point: [118.7, 32.05], initial: 'reported', changes: [[2 * H, 'closed']] },
  { id: 8, code: 'SJ8', category: 'dispute', gridCode: '320102008001001', point: [118.71, 32.05], initial: null, changes: [[1 * H, 'reported']] },
];

describe('the replay drawn', () => {
  it('paints each case by its state at the moment, hides those not reported yet, and counts open cases per grid', () => {
    const s = new ReplayScene(cases);
    expect(s.showAt(0)).toBe(true);
    expect([...s.points.fill.subarray(0, 3)]).toEqual(PHASE_RGB.open);
    expect(s.points.fill[7]).toBe(0);
    expect(s.points.radius[1]).toBe(0);
    expect(Object.fromEntries(s.openCountsByGrid())).toEqual({ '320102008001001': 1 });
    expect(s.showAt(0)).toBe(false);
    s.showAt(1.5 * H);
    expect(Object.fromEntries(s.openCountsByGrid())).toEqual({ '320102008001001': 2 });
    expect(s.tally()).toEqual({ open: 2, closed: 0 });
    s.showAt(3 * H);
    expect([...s.points.fill.subarray(0, 3)]).toEqual(PHASE_RGB.closed);
    expect(s.tally()).toEqual({ open: 1, closed: 1 });
    expect([s.idAt(0), s.idAt(1), s.stateOf(0)]).toEqual([9, 8, 'closed']);
  });
});
