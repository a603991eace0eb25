import { describe, expect, it } from 'vitest';
import { EMPTY_QUEUE, PHOTO_LIMIT, percent, photoIdsOf, photoQueueReducer, queueReadiness, roomLeft, takeFiles, type PhotoEvent, type PhotoQueue } from './photo-queue';

const file = (key: string) => ({ key, name: `${key}.jpg`, bytes: 1000 });
const run = (events: PhotoEvent[], from: PhotoQueue = EMPTY_QUEUE) => events.reduce(photoQueueReducer, from);
const frozen = (q: PhotoQueue): PhotoQueue => Object.freeze({ items: Object.freeze(q.items.map((i) => Object.freeze({ ...i }))) });

describe('the photo queue of a step', () => {
  it('uploads each photo at once and sends the uploaded ones, in the order chosen', () => {
    const q = run([
      { type: 'added', items: [file('a'), file('b'), file('c')] },
      { type: 'progress', key: 'a', progress: 0.5 },
      { type: 'uploaded', key: 'b', photoId: 12 },
      { type: 'uploaded', key: 'a', photoId: 11 },
    ]);
    expect(q.items.map((i) => i.status)).toEqual(['done', 'done', 'uploading']);
    expect(photoIdsOf(q)).toEqual([11, 12]);
    expect(queueReadiness(q)).toBe('uploading');
    expect(queueReadiness(run([{ type: 'uploaded', key: 'c', photoId: 13 }], q))).toBe('ready');
  });

  it('never takes more than the limit, counting failed photos until removed', () => {
    const chosen = Array.from({ length: PHOTO_LIMIT + 2 }, (_, i) => file(`p${i}`));
    const q = run([{ type: 'added', items: chosen }]);
    expect(q.items).toHaveLength(PHOTO_LIMIT);
    expect(roomLeft(q)).toBe(0);
    expect(takeFiles(q, 3)).toEqual({ taken: 0, leftOut: 3 });
    const failed = run([{ type: 'failed', key: 'p0', failure: { kind: 'local', reason: 'network' } }], q);
    expect(roomLeft(failed)).toBe(0);
    expect(queueReadiness(run([{ type: 'uploaded', key: 'p1', photoId: 1 }], failed))).not.toBe('ready');
    const removed = run([{ type: 'removed', key: 'p0' }], failed);
    expect(roomLeft(removed)).toBe(1);
    expect(takeFiles(removed, 3)).toEqual({ taken: 1, leftOut: 2 });
  });

  it('keeps the server text of a refused photo, and blocks the step until it is removed', () => {
    const text = { 'zh-CN': '照片须为 JPEG、PNG 或 WebP 图像', en: 'A photo must be a JPEG, PNG or WebP image' };
    const q = run([
      { type: 'added', items: [file('a')] },
      { type: 'failed', key: 'a', failure: { kind: 'server', code: 'PHOTO_NOT_AN_IMAGE', text } },
    ]);
    expect(q.items[0]).toMatchObject({ status: 'failed', failure: { kind: 'server', text } });
    expect(queueReadiness(q)).toBe('failed');
    expect(photoIdsOf(q)).toEqual([]);
    expect(queueReadiness(run([{ type: 'removed', key: 'a' }], q))).toBe('ready');
  });

  it('ignores late events: progress backwards, after the end, or for a removed photo', () => {
    const q = frozen(run([{ type: 'added', items: [file('a')] }, { type: 'progress', key: 'a', progress: 0.6 }]));
    expect(run([{ type: 'progress', key: 'a', progress: 0.2 }], q).items[0]).toMatchObject({ progress: 0.6 });
    const done = frozen(run([{ type: 'uploaded', key: 'a', photoId: 5 }], q));
    expect(run([{ type: 'progress', key: 'a', progress: 0.9 }], done)).toEqual(done);
    expect(run([{ type: 'failed', key: 'a', failure: { kind: 'local', reason: 'network' } }], done)).toEqual(done);
    expect(run([{ type: 'uploaded', key: 'gone', photoId: 9 }], done)).toBe(done);
    expect(run([{ type: 'added', items: [file('a')] }], done)).toBe(done);
  });

  it('empties on clear, and reports progress in whole percent', () => {
    expect(run([{ type: 'added', items: [file('a')] }, { type: 'cleared' }])).toEqual(EMPTY_QUEUE);
    expect(run([{ type: 'cleared' }])).toBe(EMPTY_QUEUE);
    expect([percent(0), percent(0.456), percent(1.2), percent(-1)]).toEqual([0, 46, 100, 0]);
  });
});
