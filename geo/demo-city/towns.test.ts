import { describe, expect, it } from 'vitest';
import { parseTownCsv, roleOf } from './towns';

const csv = `code,name,province,city,area,town
110101,东华门街道,11,01,01,001000
320102,梅园新村街道,32,01,02,002000
320116,竹镇镇,32,01,16,112000
320111,老山林场,32,01,11,400000
320113,南京经济技术开发区,32,01,13,402000
`;

describe('parseTownCsv', () => {
  it('keeps one city and builds 9-digit street codes', () => {
    const rows = parseTownCsv(csv, '3201');
    expect(rows.map((r) => [r.code, r.name, r.role])).toEqual([
      ['320102002', '梅园新村街道', 'street'],
      ['320116112', '竹镇镇', 'town'],
      ['320111400', '老山林场', 'farm'],
      ['320113402', '南京经济技术开发区', 'zone'],
    ]);
  });

  it('classifies units by their name', () => {
    expect(roleOf('高淳监狱')).toBe('farm');
    expect(roleOf('中国（南京）软件谷')).toBe('zone');
  });

  it('fails loudly on a file without the expected columns', () => {
    expect(() => parseTownCsv('a,b\n1,2', '3201')).toThrow(/code/);
  });
});
