import { describe, expect, it } from 'vitest';
import type { MapLabel } from '@/server/services/map-data';
import { areaChoices, incidentPrefixes } from './areas';

const label = (level: MapLabel['level'], code: string, name: string): MapLabel => ({ level, code, name, lon: 118.8, lat: 32 });
const labels = Object.freeze([
  label('district', '320104', '秦淮区'),
  label('district', '320102', '玄武区'),
  label('street', '320102008', '红山街道'),
  label('street', '320102003', '新街口街道'),
  label('street', '320104001', '秦虹街道'),
]);
const grant = (role: 'district_reviewer' | 'command_operator' | 'department_reader', level: 'city' | 'district' | 'street', code: string) => ({
  role, jurisdiction: { level, id: 1, code, name: code }, layers: null,
});

describe('the area filter\'s choices', () => {
  it('are the viewer\'s incidents jurisdictions: the whole city, or the districts and streets overlapping theirs', () => {
    expect(incidentPrefixes({ grants: [grant('command_operator', 'city', '320100')] })).toBeNull();
    expect(incidentPrefixes({ grants: [grant('district_reviewer', 'district', '320104'), grant('department_reader', 'city', '320100')] })).toEqual(['320104']);
    const city = areaChoices(labels, null);
    expect(city.districts.map((d) => d.name)).toEqual(['玄武区', '秦淮区']);
    expect(city.streets.get('320102')?.map((s) => s.code)).toEqual(['320102003', '320102008']);
    const qinhuai = areaChoices(labels, ['320104']);
    expect(qinhuai.districts.map((d) => d.code)).toEqual(['320104']);
    expect([...qinhuai.streets.keys()]).toEqual(['320104']);
    // A street editor's district holds their street: offered, with that street alone.
    const street = areaChoices(labels, ['320102008']);
    expect(street.districts.map((d) => d.code)).toEqual(['320102']);
    expect(street.streets.get('320102')?.map((s) => s.code)).toEqual(['320102008']);
  });
});
