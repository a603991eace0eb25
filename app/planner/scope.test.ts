import { describe, expect, it } from 'vitest';
import type { PlanningAreas } from '@/server/planner/scope';
import { addressesIn, chooseDistrict, chooseStreet, choiceOfCodes, communitiesOf, NO_SCOPE, scopeCodes, scopeLevel, scopeSummary, streetsOf, toggleCommunity } from './scope';

const AREAS: PlanningAreas = Object.freeze({
  districts: [{ code: '320102', name: '玄武区' }, { code: '320104', name: '秦淮区' }],
  streets: [
    { code: '320102003', name: '新街口街道', districtCode: '320102' },
    { code: '320102008', name: '红山街道', districtCode: '320102' },
    { code: '320104001', name: '夫子庙街道', districtCode: '320104' },
  ],
  communities: [
    { code: '320102003001', name: '甲社区', streetCode: '320102003', addresses: 5, households: 100 },
    { code: '320102003002', name: '乙社区', streetCode: '320102003', addresses: 7, households: 150 },
    { code: '320102008001', name: '丙社区', streetCode: '320102008', addresses: 3, households: 90 },
  ],
});

describe('the scope chooser', () => {
  it('asks for communities when ticked, else the street, else the district', () => {
    let c = chooseDistrict(NO_SCOPE, '320102');
    expect(scopeCodes(c)).toEqual(['320102']);
    expect(scopeLevel(c)).toBe('district');
    c = chooseStreet(c, '320102003');
    expect(scopeCodes(c)).toEqual(['320102003']);
    c = toggleCommunity(toggleCommunity(c, '320102003002', true), '320102003001', true);
    expect(scopeCodes(c)).toEqual(['320102003001', '320102003002']);
    expect(scopeLevel(c)).toBe('community');
    c = toggleCommunity(c, '320102003001', false);
    expect(scopeCodes(c)).toEqual(['320102003002']);
    expect(scopeCodes(NO_SCOPE)).toEqual([]);
    expect(scopeLevel(NO_SCOPE)).toBeNull();
  });

  it('clears what lies below a changed choice', () => {
    const c = toggleCommunity(chooseStreet(chooseDistrict(NO_SCOPE, '320102'), '320102003'), '320102003001', true);
    expect(chooseStreet(c, '320102008')).toEqual({ district: '320102', street: '320102008', communities: [] });
    expect(chooseDistrict(c, '320104')).toEqual({ district: '320104', street: null, communities: [] });
    expect(chooseDistrict(c, '320102')).toBe(c);
  });

  it('offers a district’s streets and a street’s communities', () => {
    expect(streetsOf(AREAS, '320102').map((s) => s.name)).toEqual(['新街口街道', '红山街道']);
    expect(communitiesOf(AREAS, '320102003').map((s) => s.code)).toEqual(['320102003001', '320102003002']);
    expect(streetsOf(AREAS, null)).toEqual([]);
  });

  it('sums what the choice covers', () => {
    expect(scopeSummary(AREAS, chooseDistrict(NO_SCOPE, '320102'))).toEqual({ name: '玄武区', communities: 3, addresses: 15, households: 340 });
    expect(scopeSummary(AREAS, { district: '320102', street: '320102003', communities: [] })).toMatchObject({ name: '新街口街道', households: 250 });
    expect(scopeSummary(AREAS, { district: '320102', street: '320102003', communities: ['320102003002'] })).toMatchObject({ name: '乙社区', addresses: 7 });
    expect(scopeSummary(AREAS, NO_SCOPE)).toBeNull();
  });

  it('finds the choice of a scenario’s scope codes again', () => {
    expect(choiceOfCodes(AREAS, ['320102003'])).toEqual({ district: '320102', street: '320102003', communities: [] });
    expect(choiceOfCodes(AREAS, ['320102003002', '320102003001'])).toEqual({ district: '320102', street: '320102003', communities: ['320102003001', '320102003002'] });
    expect(choiceOfCodes(AREAS, ['320104'])).toEqual({ district: '320104', street: null, communities: [] });
  });

  it('counts the addresses of a scenario’s scope codes', () => {
    expect(addressesIn(AREAS, ['320102'])).toBe(15);
    expect(addressesIn(AREAS, ['320102003'])).toBe(12);
    expect(addressesIn(AREAS, ['320102003002', '320102008001'])).toBe(10);
    expect(addressesIn(AREAS, ['320104'])).toBe(0);
  });
});
