import { describe, expect, it } from 'vitest';
import { categoryGroups, cleanLine, cleanNote, EMPTY_DRAFT, validateReport, type PlaceStatus, type ReportDraft } from './report-form';
import { EMPTY_QUEUE, photoQueueReducer } from './photo-queue';

const point: PlaceStatus = { ok: true, place: { kind: 'point', lon: 118.78, lat: 32.05 } };
const draft = (d: Partial<ReportDraft> = {}): ReportDraft => Object.freeze({ ...EMPTY_DRAFT, categoryCode: 'manhole_cover', description: '井盖缺失', ...d });

describe('the report form before sending', () => {
  it('gives the exact input of incidents.report', () => {
    expect(validateReport(draft({ severity: 3 }), point, EMPTY_QUEUE, 'patrol')).toEqual({
      valid: true,
      input: { categoryCode: 'manhole_cover', description: '井盖缺失', severity: 3, place: point.ok && point.place, source: 'patrol', photoIds: [] },
    });
  });

  it('names every missing field, the first in page order taking the focus', () => {
    const check = validateReport({ ...EMPTY_DRAFT, description: '   ' }, { ok: false, reason: 'PLACE_REQUIRED' }, EMPTY_QUEUE, 'patrol');
    expect(check).toEqual({ valid: false, first: 'place', errors: { place: 'PLACE_REQUIRED', categoryCode: 'CATEGORY_REQUIRED', description: 'DESCRIPTION_REQUIRED' } });
    const noCategory = validateReport(draft({ categoryCode: '' }), point, EMPTY_QUEUE, 'patrol');
    expect(noCategory).toMatchObject({ valid: false, first: 'categoryCode' });
  });

  it('passes the place step reason on (a bad longitude, no address chosen)', () => {
    expect(validateReport(draft(), { ok: false, reason: 'LON_INVALID' }, EMPTY_QUEUE, 'patrol')).toMatchObject({ valid: false, errors: { place: 'LON_INVALID' } });
    expect(validateReport(draft(), { ok: false, reason: 'ADDRESS_REQUIRED' }, EMPTY_QUEUE, 'hotline')).toMatchObject({ valid: false, errors: { place: 'ADDRESS_REQUIRED' } });
  });

  it('waits for photos on their way and refuses a failed one left in; sends the uploaded ids', () => {
    const added = photoQueueReducer(EMPTY_QUEUE, { type: 'added', items: [{ key: 'a', name: 'a.jpg', bytes: 1 }, { key: 'b', name: 'b.jpg', bytes: 1 }] });
    expect(validateReport(draft(), point, added, 'patrol')).toMatchObject({ valid: false, errors: { photos: 'PHOTOS_UPLOADING' }, first: 'photos' });
    const failed = photoQueueReducer(photoQueueReducer(added, { type: 'uploaded', key: 'a', photoId: 7 }), { type: 'failed', key: 'b', failure: { kind: 'local', reason: 'network' } });
    expect(validateReport(draft(), point, failed, 'patrol')).toMatchObject({ valid: false, errors: { photos: 'PHOTOS_FAILED' } });
    const ready = photoQueueReducer(failed, { type: 'removed', key: 'b' });
    expect(validateReport(draft(), point, ready, 'patrol')).toMatchObject({ valid: true, input: { photoIds: [7] } });
  });

  it('takes the caller only at the hotline desk, checked as the server checks it', () => {
    const address: PlaceStatus = { ok: true, place: { kind: 'address', addressId: 42 } };
    const call = draft({ reporterName: ' 张三 ', reporterPhone: '025-8888 1234' });
    expect(validateReport(call, address, EMPTY_QUEUE, 'hotline')).toMatchObject({ valid: true, input: { reporterName: '张三', reporterPhone: '025-8888 1234', source: 'hotline' } });
    const patrol = validateReport(call, point, EMPTY_QUEUE, 'patrol');
    expect(patrol.valid && 'reporterName' in patrol.input).toBe(false);
    expect(validateReport(draft({ reporterPhone: '电话 123' }), address, EMPTY_QUEUE, 'hotline')).toMatchObject({ valid: false, first: 'reporterPhone' });
    expect(validateReport(draft({ reporterName: '名'.repeat(61) }), address, EMPTY_QUEUE, 'hotline')).toMatchObject({ valid: false, errors: { reporterName: 'NAME_TOO_LONG' } });
    const empty = validateReport(draft(), address, EMPTY_QUEUE, 'hotline');
    expect(empty.valid && ('reporterName' in empty.input || 'reporterPhone' in empty.input)).toBe(false);
  });

  it('drops the control characters the server refuses, keeping a note\'s line breaks', () => {
    expect(cleanNote(' 第一行\n第二行\u0000\u0007 ')).toBe('第一行\n第二行');
    expect(cleanLine('张\n三\u0001')).toBe('张 三');
    expect(validateReport(draft({ description: '\u0000\u0001' }), point, EMPTY_QUEUE, 'patrol')).toMatchObject({ errors: { description: 'DESCRIPTION_REQUIRED' } });
    expect(validateReport(draft({ description: 'x'.repeat(4001) }), point, EMPTY_QUEUE, 'patrol')).toMatchObject({ errors: { description: 'DESCRIPTION_TOO_LONG' } });
    expect(validateReport(draft({ severity: 5 }), point, EMPTY_QUEUE, 'patrol')).toMatchObject({ errors: { severity: 'SEVERITY_INVALID' } });
  });

  it('offers the active categories, 部件 before 事件', () => {
    const c = (code: string, cls: 'component' | 'event', active = true) => ({ code, class: cls, active });
    expect(categoryGroups([c('dispute', 'event'), c('manhole_cover', 'component'), c('old', 'component', false)])).toEqual([
      { class: 'component', categories: [c('manhole_cover', 'component')] },
      { class: 'event', categories: [c('dispute', 'event')] },
    ]);
    expect(categoryGroups([])).toEqual([]);
  });
});
