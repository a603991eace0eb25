import { describe, expect, it } from 'vitest';
import { areaChoices } from './areas';

const r = (key: string, zh: string, en = zh) => ({ key, name: { 'zh-CN': zh, en } });
const unknown = (code: string) => `${code}?`;

describe('the area filter’s choices', () => {
  const districts = [r('320105', '建邺区', 'Jianye'), r('320104', '秦淮区', 'Qinhuai')];
  const streets = [r('320104010', '中华门街道'), r('320104003', '夫子庙街道'), r('320105001', '南苑街道')];

  it('offers the period’s districts and, under each, its streets, in code order and the reader’s language', () => {
    const c = areaChoices(districts, streets, null, 'en', unknown);
    expect(c.districts).toEqual([{ code: '320104', name: 'Qinhuai' }, { code: '320105', name: 'Jianye' }]);
    expect(c.streets.get('320104')!.map((s) => s.code)).toEqual(['320104003', '320104010']);
    expect(c.streets.get('320105')!.map((s) => s.name)).toEqual(['南苑街道']);
  });

  it('keeps an area named by the link but without rows this period, under its code', () => {
    const c = areaChoices(districts, streets, '320106002', 'zh-CN', unknown);
    expect(c.districts.at(-1)).toEqual({ code: '320106', name: '320106?' });
    expect(c.streets.get('320106')).toEqual([{ code: '320106002', name: '320106002?' }]);
    const known = areaChoices(districts, streets, '320104003', 'zh-CN', unknown);
    expect(known.streets.get('320104')!.map((s) => s.name)).toEqual(['夫子庙街道', '中华门街道']);
    expect(known.districts).toHaveLength(2);
  });

  it('ignores keys of the wrong length', () => {
    const c = areaChoices([r('3201', 'x')], [r('320104', 'y')], null, 'zh-CN', unknown);
    expect(c.districts).toEqual([]);
    expect(c.streets.size).toBe(0);
  });
});
