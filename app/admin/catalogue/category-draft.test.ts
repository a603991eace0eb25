import { describe, expect, it } from 'vitest';
import type { Category } from '@/server/incidents/categories';
import { changeOf, draftOf, parseWeight, type CategoryDraft } from './category-draft';

const deepFreeze = <T>(o: T): T => {
  for (const v of Object.values(o as object)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
};

const MANHOLE: Category = deepFreeze({
  code: 'manhole_cover',
  class: 'component',
  name: { 'zh-CN': '井盖', en: 'Manhole cover' },
  department: { code: 'municipal', name: { 'zh-CN': '市政', en: 'Municipal works' } },
  limits: { accept: 30, dispatch: 30, handle: 240, verify: 240, close: 1440 },
  workloadWeight: 1,
  active: true,
  version: 3,
});

const edited = (change: (d: CategoryDraft) => CategoryDraft) => change(draftOf(MANHOLE));

describe("a category's edit", () => {
  it('starts from what the category holds, each limit in its largest whole unit', () => {
    expect(draftOf(MANHOLE)).toEqual({
      departmentCode: 'municipal',
      limits: {
        accept: { value: '30', unit: 'minute' },
        dispatch: { value: '30', unit: 'minute' },
        handle: { value: '4', unit: 'hour' },
        verify: { value: '4', unit: 'hour' },
        close: { value: '1', unit: 'day' },
      },
      weight: '1',
      active: true,
    });
  });

  it('sends nothing but the code and version when nothing changed', () => {
    expect(changeOf(MANHOLE, draftOf(MANHOLE))).toEqual({ valid: true, changed: false, change: { code: 'manhole_cover', expectedVersion: 3 } });
    // The same limit in another unit is no change.
    const same = edited((d) => ({ ...d, limits: { ...d.limits, handle: { value: '240', unit: 'minute' } }, weight: '1.00' }));
    expect(changeOf(MANHOLE, same)).toMatchObject({ valid: true, changed: false });
  });

  it('sends only what changed, limits in minutes, at the version the edit started from', () => {
    const draft = edited((d) => ({
      ...d,
      departmentCode: 'urban_management',
      limits: { ...d.limits, accept: { value: '1', unit: 'hour' }, close: { value: '1.5', unit: 'day' } },
      weight: '0.5',
      active: false,
    }));
    expect(changeOf(MANHOLE, draft)).toEqual({
      valid: true,
      changed: true,
      change: { code: 'manhole_cover', expectedVersion: 3, departmentCode: 'urban_management', limits: { accept: 60, close: 2160 }, workloadWeight: 0.5, active: false },
    });
  });

  it('names every field that is wrong, in the order of the row', () => {
    const draft = edited((d) => ({
      ...d,
      departmentCode: '',
      limits: { ...d.limits, dispatch: { value: '', unit: 'hour' }, verify: { value: '400', unit: 'day' } },
      weight: '0',
    }));
    expect(changeOf(MANHOLE, draft)).toEqual({
      valid: false,
      problems: [
        { field: 'department', reason: 'DEPARTMENT_REQUIRED' },
        { field: 'dispatch', reason: 'LIMIT_REQUIRED' },
        { field: 'verify', reason: 'LIMIT_TOO_LONG' },
        { field: 'weight', reason: 'WEIGHT_TOO_SMALL' },
      ],
    });
  });
});

describe('a workload weight as typed', () => {
  it('is more than 0, at most 100, with two decimals at most', () => {
    expect(parseWeight('1')).toEqual({ valid: true, value: 1 });
    expect(parseWeight(' 0.25 ')).toEqual({ valid: true, value: 0.25 });
    expect(parseWeight('0.01')).toEqual({ valid: true, value: 0.01 });
    expect(parseWeight('100')).toEqual({ valid: true, value: 100 });
    expect(parseWeight('1.500')).toEqual({ valid: true, value: 1.5 });
    expect(parseWeight('２．５')).toEqual({ valid: true, value: 2.5 });
    expect(parseWeight('')).toEqual({ valid: false, reason: 'WEIGHT_REQUIRED' });
    expect(parseWeight('x')).toEqual({ valid: false, reason: 'WEIGHT_NOT_A_NUMBER' });
    expect(parseWeight('-1')).toEqual({ valid: false, reason: 'WEIGHT_TOO_SMALL' });
    expect(parseWeight('1e2')).toEqual({ valid: false, reason: 'WEIGHT_NOT_A_NUMBER' });
    expect(parseWeight('0')).toEqual({ valid: false, reason: 'WEIGHT_TOO_SMALL' });
    expect(parseWeight('0.00')).toEqual({ valid: false, reason: 'WEIGHT_TOO_SMALL' });
    expect(parseWeight('100.01')).toEqual({ valid: false, reason: 'WEIGHT_TOO_LARGE' });
    expect(parseWeight('0.125')).toEqual({ valid: false, reason: 'WEIGHT_PRECISION' });
  });
});
