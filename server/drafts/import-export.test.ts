/** Import of grid files into a draft and export back out, on the fixture street of small-street.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { getDraft, openDraft, undo } from './draft-service';
import { DraftError } from './errors';
import { exportGrids, importGrids, ImportRefusedError } from './import-export';
import { seedSmallStreet, type SmallStreet } from './__fixtures__/small-street';

let t: TestDatabase;
let street: SmallStreet;
let draftId: number;

beforeAll(async () => {
  t = await openTestDatabase();
  street = await seedSmallStreet(t.db);
  draftId = (await openDraft(t.db, street.streetId)).draftId;
});
afterAll(async () => t?.dispose());

const ref = async () => ({ draftId, expectedVersion: (await getDraft(t.db, draftId)).version });
const codesOf = async () => (await getDraft(t.db, draftId)).grids.features.map((f) => f.properties.code).sort();
const text = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
const square = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});

describe('draft import and export', () => {
  it('round-trips the draft through every format, keeping codes, names and geometry', async () => {
    const before = await getDraft(t.db, draftId);
    for (const format of ['geojson', 'shapefile', 'kml'] as const) {
      const file = await exportGrids(t.db, draftId, format);
      expect(file.fileName).toMatch(/^grids-320102001-draft\d+\./);
      const { result } = await importGrids(t.db, await ref(), { bytes: file.bytes, fileName: file.fileName });
      expect(result).toMatchObject({ imported: 6, recoded: [] });
      const after = await getDraft(t.db, draftId);
      const summary = (d: typeof after) =>
        d.grids.features
          .map((f) => `${f.properties.code}|${f.properties.name}|${f.properties.communityId}|${f.properties.sourceGridId}|${f.properties.areaM2.toFixed(0)}`)
          .sort();
      expect(summary(after)).toEqual(summary(before));
    }
  });

  it('converts a declared GCJ-02 file to WGS84 on the way in', async () => {
    const wgs = await exportGrids(t.db, draftId, 'geojson');
    const gcj = await exportGrids(t.db, draftId, 'geojson', 'gcj02');
    expect(new TextDecoder().decode(gcj.bytes)).not.toEqual(new TextDecoder().decode(wgs.bytes));
    await importGrids(t.db, await ref(), { bytes: gcj.bytes, fileName: 'gcj.geojson', crs: 'gcj02' });
    const areas = (await getDraft(t.db, draftId)).grids.features.map((f) => Math.round(f.properties.areaM2 / 1000));
    expect(areas.every((a) => a > 0)).toBe(true);
    expect(await codesOf()).toHaveLength(6);
  });

  it('gives new codes where the file code cannot be kept, and is one undo step', async () => {
    const before = await codesOf();
    const file = {
      type: 'FeatureCollection',
      features: [
        // A grid of community B without a code, and one claiming a code retired to history (005).
        { type: 'Feature', properties: { name: '新网格' }, geometry: square(118.02, 32.0, 118.03, 32.02) },
        { type: 'Feature', properties: { code: '320102001002005' }, geometry: square(118.03, 32.0, 118.04, 32.02) },
      ],
    };
    const { result } = await importGrids(t.db, await ref(), { bytes: text(file), fileName: 'new.geojson' });
    expect(result.imported).toBe(2);
    // 005 lives in history: never reused. Both get codes above every code ever used in community B.
    expect(result.recoded.map((r) => r.code).sort()).toEqual(['320102001002006', '320102001002007']);
    await undo(t.db, await ref());
    expect(await codesOf()).toEqual(before);
  });

  it('refuses a bad file whole, with coded errors in both languages, and changes nothing', async () => {
    const before = await getDraft(t.db, draftId);
    const unclosed = { type: 'Polygon', coordinates: [[[118.0, 32.0], [118.01, 32.0], [118.01, 32.01], [118.0, 32.01]]] };
    const err = await importGrids(t.db, await ref(), { bytes: text(unclosed), fileName: 'bad.geojson' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefusedError);
    expect((err as ImportRefusedError).errors[0]!.code).toBe('INPUT_RING_NOT_CLOSED');
    expect((err as ImportRefusedError).messageZh).toMatch(/^文件未导入/);
    const bowtie = { type: 'Polygon', coordinates: [[[118.0, 32.0], [118.01, 32.01], [118.01, 32.0], [118.0, 32.01], [118.0, 32.0]]] };
    const invalid = await importGrids(t.db, await ref(), { bytes: text(bowtie), fileName: 'bowtie.geojson' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(DraftError);
    expect((invalid as DraftError).code).toBe('GRID_GEOMETRY_INVALID');
    const after = await getDraft(t.db, draftId);
    expect(after.version).toBe(before.version);
    expect(after.grids).toEqual(before.grids);
  });
});
