import { describe, expect, it } from 'vitest';
import { dotOf, TRAIL_WINDOW_MS, workerChoices, WorkerTracks, type WorkerDot } from './workers';

const T = 1_750_000_000_000;
const dot = (workerId: number, lon: number, atMs: number, over: Partial<WorkerDot> = {}): WorkerDot =>
  Object.freeze({ workerId, name: `网格员${workerId}`, employment: 'full_time', lon, lat: 32.05, at: new Date(atMs), onDuty: true, load: 2, ...over });

describe('the workers on the command map', () => {
  it('replace all with a snapshot, move those a batch names, and grow each trail by its moves', () => {
    const w = new WorkerTracks();
    w.apply([dot(1, 118.70, T), dot(2, 118.80, T)], true, T);
    w.apply([dot(1, 118.71, T + 60_000)], false, T + 60_000);
    w.apply([dot(1, 118.71, T + 120_000)], false, T + 120_000);
    w.apply([dot(1, 118.72, T + 180_000, { load: 6 })], false, T + 180_000);
    const v = w.view();
    expect(v.dots.map((d) => [d.workerId, d.lon, d.load])).toEqual([[1, 118.72, 6], [2, 118.80, 2]]);
    // The worker who stood still adds no point; a single point is no trail.
    expect(v.paths).toEqual([{ workerId: 1, onDuty: true, path: [[118.70, 32.05], [118.71, 32.05], [118.72, 32.05]] }]);
    expect(w.view()).toBe(v);
    w.apply([dot(2, 118.80, T + 200_000)], true, T + 200_000);
    expect(w.view().dots.map((d) => d.workerId)).toEqual([2]);
    expect(w.view().paths).toEqual([]);
  });

  it('keep only the last 30 minutes of a trail, and take the server\'s trails while keeping the moves seen since', () => {
    const w = new WorkerTracks();
    w.apply([dot(3, 118.93, T + 30_000)], true, T + 30_000);
    w.seedTrails([{ workerId: 3, path: [[118.92, 32.0, T], [118.9, 32.0, T - TRAIL_WINDOW_MS - 1], [118.91, 32.0, T - 60_000]] }], T + 30_000);
    expect(w.view().paths[0]!.path).toEqual([[118.91, 32.0], [118.92, 32.0], [118.93, 32.05]]);
    w.prune(T + 31_000 + TRAIL_WINDOW_MS);
    expect(w.view().paths).toEqual([]);
  });

  it('read a live position without its community code', () => {
    const at = new Date(T);
    expect(dotOf({ workerId: 5, name: '甲', employment: 'part_time', lon: 118.8, lat: 32, at, onDuty: false, load: 0, communityCode: '320102008001' } as never)).toEqual({
      workerId: 5, name: '甲', employment: 'part_time', lon: 118.8, lat: 32, at, onDuty: false, load: 0,
    });
  });

  it('offer the workers loaded by name in the Chinese collation, narrowed by a part of the name', () => {
    const dots = Object.freeze([dot(3, 118.8, T, { name: '张伟' }), dot(1, 118.8, T, { name: '王芳' }), dot(2, 118.8, T, { name: '李娜' }), dot(4, 118.8, T, { name: '张伟' }), dot(5, 118.8, T, { name: 'Li Ming' })]);
    // 李 (li), 王 (wang), 张 (zhang), namesakes by id; the Chinese collation puts Latin after Han.
    expect(workerChoices(dots, '').shown.map((d) => d.workerId)).toEqual([2, 1, 3, 4, 5]);
    expect(workerChoices(dots, ' 张 ').shown.map((d) => d.workerId)).toEqual([3, 4]);
    expect(workerChoices(dots, 'li').shown.map((d) => d.workerId)).toEqual([5]);
    expect(workerChoices(dots, '赵')).toEqual({ shown: [], matches: 0 });
    // Past the limit the first by name are listed, and the count says how many match.
    expect(workerChoices(dots, '', 2)).toEqual({ shown: [dots[2], dots[1]], matches: 5 });
  });
});
