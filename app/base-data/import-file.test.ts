import { describe, expect, it } from 'vitest';
import { ADDRESS_IMPORT_LIMITS } from '@/server/base-data/address-import';
import { fileProblem, formatOfName, importUrl, type ImportLimits } from './import-file';

const LIMITS: ImportLimits = { ...ADDRESS_IMPORT_LIMITS };
const MB = 1024 * 1024;

describe('the file chosen', () => {
  it('is CSV or GeoJSON by its extension (a spreadsheet’s .txt export is CSV)', () => {
    expect(['a.csv', 'A.CSV', 'a.txt', '地址', 'a.xlsx'].map(formatOfName)).toEqual(['csv', 'csv', 'csv', 'csv', 'csv']);
    expect(['a.geojson', 'A.GeoJSON', 'a.json', 'a.json '].map(formatOfName)).toEqual(['geojson', 'geojson', 'geojson', 'geojson']);
  });

  it('is refused before sending when empty or over its format’s limit (exactly the limit passes)', () => {
    expect(fileProblem({ name: 'a.csv', size: 0 }, LIMITS)).toEqual({ problem: 'empty' });
    expect(fileProblem({ name: 'a.csv', size: 256 * MB }, LIMITS)).toBeNull();
    expect(fileProblem({ name: 'a.csv', size: 256 * MB + 1 }, LIMITS)).toEqual({ problem: 'too_large', format: 'csv', limitBytes: 256 * MB });
    expect(fileProblem({ name: 'a.geojson', size: 100 * MB }, LIMITS)).toBeNull();
    expect(fileProblem({ name: 'a.geojson', size: 101 * MB }, LIMITS)).toEqual({ problem: 'too_large', format: 'geojson', limitBytes: 100 * MB });
  });

  it('is sent with its format, coordinate system, mode and name in the query', () => {
    const url = new URL(importUrl('红山 地址.txt', 'gcj02', 'check'), 'http://x');
    expect(url.pathname).toBe('/api/addresses/import');
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'csv', crs: 'gcj02', mode: 'check', name: '红山 地址.txt' });
    expect(new URL(importUrl('a.geojson', 'wgs84', 'import'), 'http://x').searchParams.get('format')).toBe('geojson');
  });

  it('keeps at most 200 characters of a long name (the server refuses more), counted as characters', () => {
    const long = `${'地'.repeat(250)}.csv`;
    const name = new URL(importUrl(long, 'wgs84', 'import'), 'http://x').searchParams.get('name')!;
    expect([...name]).toHaveLength(200);
    expect(new URL(importUrl(long, 'wgs84', 'import'), 'http://x').searchParams.get('format')).toBe('csv');
  });
});
