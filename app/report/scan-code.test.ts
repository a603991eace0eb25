import { describe, expect, it } from 'vitest';
import { isGridCode, parseScanCode, sheetPage } from './scan-code';

describe('the printed codes', () => {
  it('name an address by its 18 digits and a key site by its id', () => {
    expect(parseScanCode('a', '320102008001000123')).toEqual({ kind: 'address', code: '320102008001000123' });
    expect(parseScanCode('k', '12')).toEqual({ kind: 'key_site', code: '12' });
  });

  it('name nothing otherwise', () => {
    for (const [kind, code] of [
      ['a', '32010200800100012'],
      ['a', '3201020080010001234'],
      ['a', '32010200800100012x'],
      ['k', '0'],
      ['k', '012'],
      ['k', '2147483648'],
      ['k', '-1'],
      ['x', '12'],
      ['address', '320102008001000123'],
    ]) {
      expect(parseScanCode(kind!, code!), `${kind}/${code}`).toBeNull();
    }
    expect(parseScanCode('k', '2147483647')).not.toBeNull();
  });

  it('take a grid by its 15 digits and a sheet page as a positive integer', () => {
    expect(isGridCode('320102008001001')).toBe(true);
    expect(isGridCode('32010200800100')).toBe(false);
    expect([sheetPage(undefined), sheetPage('3'), sheetPage(['2', '5']), sheetPage('0'), sheetPage('-1'), sheetPage('1e3'), sheetPage('abc')]).toEqual([1, 3, 2, 1, 1, 1, 1]);
  });
});
