/**
 * The same values, parsed and typed the same, from either engine: the services never see which one
 * they run on (json parsed, timestamps as Date, int8 and numeric as numbers, char(n) unpadded).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.dispose();
});

describe(`values from the ${process.env.DATABASE_URL ? 'server' : 'embedded'} engine`, () => {
  it('arrive parsed and typed the same on both engines', async () => {
    const [row] = await t.db.query<Record<string, unknown>>(
      `SELECT '{"a": [1, "x"]}'::json AS json, '{"b": true}'::jsonb AS jsonb,
              ARRAY['{"c": 1}'::jsonb] AS jsonb_array,
              '2026-11-01 08:30:00.123+08'::timestamptz AS timestamptz,
              '2026-11-01 08:30:00'::timestamp AS timestamp,
              '2026-11-01'::date AS date,
              9007199254740991::int8 AS int8_max_safe, 42::int8 AS int8, ARRAY[1, 2]::int8[] AS int8_array,
              12.5::numeric AS numeric, ARRAY[1.5, 2]::numeric[] AS numeric_array,
              'ab'::char(5) AS bpchar, ARRAY['ab']::char(4)[] AS bpchar_array,
              NULL::int8 AS nothing`,
    );
    expect(row).toEqual({
      json: { a: [1, 'x'] },
      jsonb: { b: true },
      jsonb_array: [{ c: 1 }],
      timestamptz: new Date('2026-11-01T00:30:00.123Z'),
      timestamp: new Date('2026-11-01T08:30:00Z'),
      date: '2026-11-01',
      int8_max_safe: 9007199254740991,
      int8: 42,
      int8_array: [1, 2],
      numeric: 12.5,
      numeric_array: [1.5, 2],
      bpchar: 'ab',
      bpchar_array: ['ab'],
      nothing: null,
    });
    expect(row!.timestamptz).toBeInstanceOf(Date);
  });

  it('refuses an int8 a JS number cannot hold exactly, instead of rounding it', async () => {
    await expect(t.db.query(`SELECT 9007199254740993::int8 AS big`)).rejects.toThrow(/does not fit/);
  });

  it('reads the ST_AsGeoJSON(...)::json of a geometry as an object', async () => {
    const [row] = await t.db.query<{ g: unknown }>(`SELECT ST_AsGeoJSON(ST_MakePoint(118.78, 32.04))::json AS g`);
    expect(row!.g).toEqual({ type: 'Point', coordinates: [118.78, 32.04] });
  });
});
