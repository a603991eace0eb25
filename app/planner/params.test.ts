import { describe, expect, it } from 'vitest';
import { checkParams, defaultScenarioName } from './params';

describe('the run form’s check', () => {
  const ok = { householdsMin: '300', householdsMax: '500', residentsMax: '2500', name: '' };
  const name = (min: number, max: number) => defaultScenarioName('新街口街道', min, max, '户');

  it('gives the numbers and a default name', () => {
    expect(checkParams(ok, ['320102003'], name)).toEqual({
      valid: true,
      value: { householdsMin: 300, householdsMax: 500, residentsMax: 2500, name: '新街口街道 300–500 户' },
    });
    expect(checkParams({ ...ok, name: '  方案甲 ' }, ['320102003'], name)).toMatchObject({ valid: true, value: { name: '方案甲' } });
  });

  it('says which field is wrong and why', () => {
    expect(checkParams(ok, [], name)).toEqual({ valid: false, reason: 'SCOPE_REQUIRED', field: 'scope' });
    expect(checkParams({ ...ok, householdsMin: '2.5' }, ['x'], name)).toEqual({ valid: false, reason: 'HOUSEHOLDS_NOT_WHOLE', field: 'householdsMin' });
    expect(checkParams({ ...ok, householdsMin: '0' }, ['x'], name)).toMatchObject({ reason: 'HOUSEHOLDS_NOT_WHOLE' });
    expect(checkParams({ ...ok, householdsMax: '' }, ['x'], name)).toMatchObject({ field: 'householdsMax' });
    expect(checkParams({ ...ok, householdsMin: '600' }, ['x'], name)).toEqual({ valid: false, reason: 'RANGE_INVALID', field: 'householdsMin' });
    expect(checkParams({ ...ok, residentsMax: '-1' }, ['x'], name)).toMatchObject({ reason: 'RESIDENTS_NOT_WHOLE', field: 'residentsMax' });
    expect(checkParams({ ...ok, name: 'a'.repeat(101) }, ['x'], name)).toMatchObject({ reason: 'NAME_TOO_LONG', field: 'name' });
    expect(checkParams({ ...ok, name: 'a\tb' }, ['x'], name)).toMatchObject({ reason: 'NAME_INVALID' });
    expect(checkParams({ ...ok, name: '\uD800' }, ['x'], name)).toMatchObject({ reason: 'NAME_INVALID' });
  });
});
