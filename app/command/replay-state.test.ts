import { describe, expect, it } from 'vitest';
import { advance, changeMoments, play, seek, STATE_CODE, stateAt, stateOfCode, statesAt, type ReplayClock, type ReplayHistory } from './replay-state';

const H = 3_600_000;
const moved: ReplayHistory = Object.freeze({ initial: 'reported', changes: Object.freeze([[1 * H, 'accepted'], [2 * H, 'dispatched'], [2 * H, 'handling'], [5 * H, 'handled']] as const) });
const born: ReplayHistory = Object.freeze({ initial: null, changes: Object.freeze([[3 * H, 'reported']] as const) });
const still: ReplayHistory = Object.freeze({ initial: 'closed', changes: Object.freeze([]) });

describe('the replay at a moment', () => {
  it('is the last change at or before it, else the state at the start, else nothing yet', () => {
    expect(stateAt(moved, 0)).toBe('reported');
    expect(stateAt(moved, H - 1)).toBe('reported');
    expect(stateAt(moved, H)).toBe('accepted');
    // Two changes at one moment: the later recorded wins.
    expect(stateAt(moved, 2 * H)).toBe('handling');
    expect(stateAt(moved, 10 * H)).toBe('handled');
    expect(stateAt(born, 3 * H - 1)).toBeNull();
    expect(stateAt(born, 3 * H)).toBe('reported');
    expect(stateAt(still, 4 * H)).toBe('closed');
  });

  it('writes every case\'s state code and counts what changed', () => {
    const out = new Uint8Array(3);
    expect(statesAt([moved, born, still], 0, out)).toBe(2);
    expect([...out].map(stateOfCode)).toEqual(['reported', null, 'closed']);
    expect(statesAt([moved, born, still], 0, out)).toBe(0);
    expect(statesAt([moved, born, still], 3 * H, out)).toBe(2);
    expect([...out]).toEqual([STATE_CODE.handling, STATE_CODE.reported, STATE_CODE.closed]);
  });

  it('lists the moments anything changes, once each', () => {
    expect(changeMoments([moved, born, still])).toEqual([H, 2 * H, 3 * H, 5 * H]);
  });
});

describe('the replay clock', () => {
  const clock: ReplayClock = Object.freeze({ since: 0, until: 24 * H, t: 0, playing: true, speed: 600_000 });
  it('plays at its speed and stops at the end', () => {
    expect(advance(clock, 1000).t).toBe(600_000);
    const end = advance({ ...clock, t: 24 * H - 1000 }, 1000);
    expect(end).toMatchObject({ t: 24 * H, playing: false });
    expect(advance({ ...clock, playing: false }, 1000).t).toBe(0);
  });

  it('seeks within the window and plays again from the start once at the end', () => {
    expect(seek(clock, -5).t).toBe(0);
    expect(seek(clock, 30 * H).t).toBe(24 * H);
    expect(play({ ...clock, t: 24 * H, playing: false })).toMatchObject({ t: 0, playing: true });
    expect(play({ ...clock, t: H, playing: false })).toMatchObject({ t: H, playing: true });
  });
});
