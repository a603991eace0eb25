import { describe, expect, it } from 'vitest';
import { announcedPercent, inMegabytes, nextStage, stageFraction, type ImportStage, type StageEvent } from './import-stage';

const run = (events: StageEvent[]): ImportStage | null => events.reduce<ImportStage | null>((s, e) => nextStage(s, e), null);

describe('where an import stands', () => {
  it('follows the upload, then the server: placing, linking, writing', () => {
    expect(run([{ upload: { loaded: 10, total: 100 } }])).toEqual({ phase: 'uploading', loaded: 10, total: 100 });
    expect(run([{ upload: { loaded: 10, total: 100 } }, { uploaded: true }])).toEqual({ phase: 'reading', bytes: null, total: null });
    const placing: StageEvent = { progress: { phase: 'placing', done: 20_000, total: 50_000 } };
    expect(run([{ upload: { loaded: 100, total: 100 } }, { uploaded: true }, placing])).toEqual({ phase: 'placing', done: 20_000, total: 50_000 });
    expect(run([{ uploaded: true }, placing, { progress: { phase: 'linking', done: 0, total: 50_000 } }])).toEqual({ phase: 'linking', done: 0, total: 50_000 });
    expect(run([{ uploaded: true }, placing, { progress: { phase: 'writing', done: 0, total: 7 } }])).toEqual({ phase: 'writing', done: 0, total: 7 });
  });

  it("takes the browser's count of bytes sent over the server's reading lines during the upload", () => {
    const stage = run([{ upload: { loaded: 3_000_000, total: 9_000_000 } }, { progress: { phase: 'reading', bytes: 2_097_152, total: 9_000_000 } }]);
    expect(stage).toEqual({ phase: 'uploading', loaded: 3_000_000, total: 9_000_000 });
    // Without upload events (none fired yet), the server's lines are all there is.
    expect(run([{ progress: { phase: 'reading', bytes: 2_097_152, total: null } }])).toEqual({ phase: 'reading', bytes: 2_097_152, total: null });
  });

  it('only moves forward: a late upload or reading event changes nothing', () => {
    const placing = run([{ uploaded: true }, { progress: { phase: 'placing', done: 1, total: 2 } }]);
    expect(nextStage(placing, { upload: { loaded: 5, total: 5 } })).toBe(placing);
    expect(nextStage(placing, { uploaded: true })).toBe(placing);
    expect(nextStage(placing, { progress: { phase: 'reading', bytes: 5, total: 5 } })).toBe(placing);
    const writing = nextStage(placing, { progress: { phase: 'writing', done: 0, total: 2 } });
    expect(nextStage(writing, { progress: { phase: 'placing', done: 2, total: 2 } })).toBe(writing);
  });

  it('measures the bar where the server gives a measure, and leaves it indeterminate where not', () => {
    expect(stageFraction({ phase: 'uploading', loaded: 25, total: 100 })).toBe(0.25);
    expect(stageFraction({ phase: 'uploading', loaded: 0, total: 0 })).toBeNull();
    expect(stageFraction({ phase: 'reading', bytes: null, total: null })).toBeNull();
    expect(stageFraction({ phase: 'reading', bytes: 50, total: 200 })).toBe(0.25);
    expect(stageFraction({ phase: 'reading', bytes: 50, total: null })).toBeNull();
    expect(stageFraction({ phase: 'placing', done: 40_000, total: 40_000 })).toBe(1);
    expect(stageFraction({ phase: 'placing', done: 50, total: 40 })).toBe(1);
    expect(stageFraction({ phase: 'linking', done: 0, total: 10 })).toBeNull();
    expect(stageFraction({ phase: 'writing', done: 0, total: 10 })).toBeNull();
  });

  it('announces tenths, and writes sizes in megabytes with one decimal', () => {
    expect([0, 0.09, 0.1, 0.55, 0.999, 1, 1.2, -1].map(announcedPercent)).toEqual([0, 0, 10, 50, 90, 100, 100, 0]);
    expect(inMegabytes(256 * 1024 * 1024)).toBe(256);
    expect(inMegabytes(1_500_000)).toBe(1.4);
    expect(inMegabytes(0)).toBe(0);
  });
});
