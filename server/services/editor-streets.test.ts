import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { openDraft } from '../drafts/store';
import { listEditableStreets, streetCommunities } from './editor-streets';

// Two streets of one district; the second has two communities, given out of code order, whose common
// boundary uses every digit of a double (the editor snaps to it, so it must arrive bit for bit).
const SHARED_X = 118.85123456789012;
const box = (x0: number, y0: number, x1: number, y1: number) => `ST_Multi(ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 4326))`;

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase();
  await t.db.script(`
    INSERT INTO city (id, code, name, geom) VALUES (1, '320100', '南京市', ${box(118.7, 32.0, 118.9, 32.1)});
    INSERT INTO district (id, city_id, code, name, geom) VALUES (1, 1, '320102', '玄武区', ${box(118.7, 32.0, 118.9, 32.1)});
    INSERT INTO street (id, district_id, code, name, geom) VALUES
      (2, 1, '320102002', '新街口街道', ${box(118.8, 32.0, 118.9, 32.1)}),
      (1, 1, '320102001', '梅园新村街道', ${box(118.7, 32.0, 118.8, 32.1)});
    INSERT INTO community (id, street_id, code, name, geom) VALUES
      (3, 2, '320102002002', '丰富路社区', ${box(SHARED_X, 32.0, 118.9, 32.1)}),
      (2, 2, '320102002001', '汉中路社区', ${box(118.8, 32.0, SHARED_X, 32.1)}),
      (1, 1, '320102001001', '长江路社区', ${box(118.7, 32.0, 118.8, 32.1)});
  `);
});

afterAll(async () => {
  await t?.dispose();
});

describe('editor look-ups', () => {
  it('lists the streets in code order with their district and open draft', async () => {
    expect(await listEditableStreets(t.db, { all: true })).toEqual([
      { id: 1, code: '320102001', name: '梅园新村街道', districtName: '玄武区', draftId: null },
      { id: 2, code: '320102002', name: '新街口街道', districtName: '玄武区', draftId: null },
    ]);
    const draft = await openDraft(t.db, 2);
    const streets = await listEditableStreets(t.db, { all: true });
    expect(streets.find((s) => s.id === 2)?.draftId).toBe(draft.draftId);
    expect(streets.find((s) => s.id === 1)?.draftId).toBeNull();
  });

  it('lists only the streets of the scope', async () => {
    const mine = await listEditableStreets(t.db, { all: false, prefixes: ['320102002'], workerIds: [] });
    expect(mine.map((s) => s.code)).toEqual(['320102002']);
    expect(await listEditableStreets(t.db, { all: false, prefixes: ['320104'], workerIds: [] })).toEqual([]);
  });

  it("gives a street's communities in code order with their exact boundaries, and nothing for an unknown street", async () => {
    // ST_MakeEnvelope's ring: lower left, upper left, upper right, lower right.
    const envelope = (x0: number, y0: number, x1: number, y1: number) => ({
      type: 'MultiPolygon',
      coordinates: [[[[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]]]],
    });
    expect(await streetCommunities(t.db, 2)).toEqual({
      street: { id: 2, code: '320102002', name: '新街口街道' },
      communities: [
        { id: 2, code: '320102002001', name: '汉中路社区', geometry: envelope(118.8, 32.0, SHARED_X, 32.1) },
        { id: 3, code: '320102002002', name: '丰富路社区', geometry: envelope(SHARED_X, 32.0, 118.9, 32.1) },
      ],
    });
    expect(await streetCommunities(t.db, 999)).toEqual({ street: null, communities: [] });
  });
});
