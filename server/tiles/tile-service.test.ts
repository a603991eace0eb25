import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { bbox } from '@turf/turf';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { decodeTile, type DecodedFeature } from './__fixtures__/decode-tile';
import { FIXTURE, insertTileFixture } from './__fixtures__/tile-fixture';
import { tileAt, tileBounds } from './tile-math';
import type { TileLayerName, TileRequest } from './tile-request';
import { bumpDataVersion, createTileService, type TileEncoder, type TileService } from './tile-service';
import { INCIDENT_DETAIL_ZOOM } from './tile-layers';
import { CLOSED_WORKLOAD_WEIGHT } from '@/geo/incidents/incident-states';

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase();
  await insertTileFixture(t.db);
});
afterAll(async () => t?.dispose());

const at = (layer: TileLayerName, z: number, lon: number = FIXTURE.centre.lon, lat: number = FIXTURE.centre.lat): TileRequest => ({
  layer,
  ...tileAt(lon, lat, z),
});

async function features(service: TileService, request: TileRequest): Promise<DecodedFeature[]> {
  const { bytes } = await service.getTile(request);
  const decoded = decodeTile(bytes, request);
  if (bytes.byteLength) {
    expect(decoded.layers).toEqual([request.layer]);
    expect(decoded.version).toBe(2);
    expect(decoded.extent).toBe(4096);
  }
  return decoded.features;
}

// The engine's own encoder (ST_AsMVT on the server, JS on the embedded one) and the JS encoder
// everywhere: the contract below must hold for both.
const encoders = (): TileEncoder[] => (t.capabilities.asMvt ? ['postgis', 'js'] : ['js']);

describe.each(['postgis', 'js'] as TileEncoder[])('tiles encoded by %s', (encoder) => {
  let service: TileService;
  beforeAll(() => {
    if (!encoders().includes(encoder)) return;
    service = createTileService({ db: t.db, capabilities: t.capabilities, encoder, cache: false });
  });
  const run = (name: string, fn: () => Promise<void>) =>
    it(name, async (ctx) => {
      if (!encoders().includes(encoder)) ctx.skip(); // ST_AsMVT is missing on the embedded engine
      await fn();
    });

  run('grids: only grids in force, with the overview properties at city zoom, id as feature id', async () => {
    const fs = await features(service, at('grids', 10));
    const expected = await t.db.query<{ id: number; code: string; households: number; residents: number }>(
      `SELECT g.id, g.code, coalesce(l.households, 0) AS households, coalesce(l.residents, 0) AS residents
       FROM grids_in_force(now()) g LEFT JOIN grid_load l ON l.grid_id = g.id ORDER BY g.id`,
    );
    expect(fs.map((f) => f.id).sort((a, b) => a! - b!)).toEqual(expected.map((r) => r.id));
    expect(fs.some((f) => f.properties.code === FIXTURE.retiredGridCode)).toBe(false);
    for (const f of fs) {
      expect(f.type).toBe(3);
      expect(Object.keys(f.properties).sort()).toEqual(['arrangement', 'code', 'dedicated_type', 'households', 'id', 'kind', 'load']);
      expect(f.properties.id).toBe(f.id);
      const row = expected.find((r) => r.id === f.id)!;
      expect(f.properties.households).toBe(row.households);
      const h = row.households;
      // The norm's rule: over on households or residents, else under on households (the fixture's residents stay below 2,500).
      expect(f.properties.load).toBe(h > 500 || row.residents > 2500 ? 'over' : h < 300 ? 'under' : 'within');
    }
    const loads = new Set(fs.map((f) => f.properties.load));
    expect(loads).toEqual(new Set(['under', 'within', 'over'])); // the fixture covers all three
    const dedicated = fs.find((f) => f.properties.code === FIXTURE.arrangementGridCode)!;
    expect(dedicated.properties).toMatchObject({ kind: 'dedicated', dedicated_type: 'enterprise', arrangement: true });
    const ordinary = fs.find((f) => f.properties.code !== FIXTURE.arrangementGridCode)!;
    expect(ordinary.properties).toMatchObject({ kind: 'comprehensive', dedicated_type: '', arrangement: false });
  });

  run('grids: the full contract properties from zoom 12 on', async () => {
    const fs = await features(service, at('grids', 13));
    expect(fs.length).toBeGreaterThan(0);
    const rows = await t.db.query<{ id: number; code: string; name: string; residents: number }>(
      `SELECT g.id, g.code, g.name, coalesce(l.residents, 0) AS residents
       FROM grids_in_force(now()) g LEFT JOIN grid_load l ON l.grid_id = g.id`,
    );
    for (const f of fs) {
      expect(Object.keys(f.properties).sort()).toEqual(
        ['arrangement', 'code', 'community_code', 'dedicated_type', 'households', 'id', 'kind', 'load', 'name', 'residents'],
      );
      const row = rows.find((r) => r.id === f.id)!;
      expect(f.properties).toMatchObject({ name: row.name, residents: row.residents, community_code: row.code.slice(0, 12) });
    }
  });

  run('grids: geometry lands where the grid is (lon/lat bbox within 2 tile units), holes and parts kept', async () => {
    const cases = [
      { code: FIXTURE.holeGridCode, request: at('grids', 12, 118.67, 32.065) },
      { code: FIXTURE.multipartGridCode, request: at('grids', 13, 118.625, 32.06) },
    ];
    for (const { code, request } of cases) {
      const fs = await features(service, request);
      const [row] = await t.db.query<{ id: number; b: string }>(
        'SELECT id, ST_AsGeoJSON(ST_Envelope(geom)) AS b FROM grids_in_force(now()) WHERE code = $1',
        [code],
      );
      const f = fs.find((x) => x.id === row.id);
      expect(f, code).toBeDefined();
      // What should be drawn: the grid's bbox cut to the tile grown by its 64-unit buffer.
      const tb = tileBounds(request, 64);
      const [w, s, e, n] = bbox(JSON.parse(row.b));
      const expected = [Math.max(w, tb.west), Math.max(s, tb.south), Math.min(e, tb.east), Math.min(n, tb.north)];
      const unit = 360 / 2 ** request.z / 4096; // one tile unit in degrees of longitude
      bbox(f!.geojson).forEach((v, i) => expect(Math.abs(v - expected[i]), `${code} bbox[${i}]`).toBeLessThan(2 * unit));
      if (code === FIXTURE.holeGridCode) {
        expect(f!.geojson.geometry.type).toBe('Polygon');
        expect((f!.geojson.geometry as GeoJSON.Polygon).coordinates).toHaveLength(2); // exterior + hole
      } else {
        expect(f!.geojson.geometry.type).toBe('MultiPolygon');
        expect((f!.geojson.geometry as GeoJSON.MultiPolygon).coordinates).toHaveLength(2);
      }
    }
  });

  run('addresses: one point per address from z14, one aggregate per grid below', async () => {
    const detail = await features(service, at('addresses', 14, 118.63, 32.0));
    expect(detail.length).toBeGreaterThan(10);
    const ids = detail.map((f) => f.id!);
    const rows = await t.db.query<{ id: number; households: number; residents: number; building_type: string }>(
      'SELECT id, households, residents, building_type FROM standard_address WHERE id = ANY($1::bigint[])',
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    for (const f of detail) {
      const r = rows.find((x) => x.id === f.id)!;
      expect(f.type).toBe(1);
      expect(f.properties).toEqual({ id: r.id, households: r.households, residents: r.residents, building_type: r.building_type, aggregated: false });
    }

    const aggregated = await features(service, at('addresses', 10));
    const [totals] = await t.db.query<{ grids: number; addresses: number; households: number }>(
      `SELECT count(*)::int AS grids, sum(l.addresses)::int AS addresses, sum(l.households)::int AS households
       FROM grid_load l JOIN grids_in_force(now()) g ON g.id = l.grid_id WHERE l.addresses > 0`,
    );
    expect(aggregated).toHaveLength(totals.grids);
    expect(aggregated.every((f) => f.properties.aggregated === true && f.type === 1)).toBe(true);
    expect(aggregated.reduce((s, f) => s + (f.properties.count as number), 0)).toBe(totals.addresses);
    expect(aggregated.reduce((s, f) => s + (f.properties.households as number), 0)).toBe(totals.households);
  });

  run('territory layers carry their parent codes', async () => {
    const districts = await features(service, at('districts', 10));
    expect(districts.map((f) => f.properties).sort((a, b) => String(a.code).localeCompare(String(b.code)))).toEqual([
      { id: 1, code: '320102', name: '玄武区' },
      { id: 2, code: '320104', name: '秦淮区' },
    ]);
    const streets = await features(service, at('streets', 10));
    expect(streets.map((f) => f.properties.district_code).sort()).toEqual(['320102', '320104']);
    const communities = await features(service, at('communities', 10));
    expect(communities).toHaveLength(4);
    for (const c of communities) expect(String(c.properties.code).startsWith(String(c.properties.street_code))).toBe(true);
  });

  run('key sites are points, a polygon site drawn at a point inside it', async () => {
    const fs = await features(service, at('key_sites', 10));
    expect(fs).toHaveLength(2);
    const hospital = fs.find((f) => f.properties.name === FIXTURE.polygonKeySiteName)!;
    expect(hospital.type).toBe(1);
    expect(hospital.properties).toMatchObject({ category: 'hospital', risk_level: 3 });
    const [lon, lat] = (hospital.geojson.geometry as GeoJSON.Point).coordinates;
    const [inside] = await t.db.query<{ inside: boolean }>(
      `SELECT ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.00002) AS inside FROM key_site WHERE name = $3`,
      [lon, lat, FIXTURE.polygonKeySiteName],
    );
    expect(inside.inside).toBe(true);
  });

  run('incidents: overdue only when past due and not finished', async () => {
    const fs = await features(service, at('incidents', INCIDENT_DETAIL_ZOOM));
    const byCode = Object.fromEntries(fs.map((f) => [f.properties.code, f.properties]));
    expect(Object.keys(byCode).sort()).toEqual(['SJ0001', 'SJ0002', 'SJ0003', 'SJ0004']);
    expect(byCode.SJ0001).toMatchObject({ overdue: true, status: 'dispatched', class: 'event', category: 'environment' });
    expect(byCode.SJ0002.overdue).toBe(false);
    expect(byCode.SJ0003.overdue).toBe(false);
    expect(byCode.SJ0004.overdue).toBe(false);
  });

  run('incidents below the points\' zoom: one point per occupied cell, counts and workload weights summed', async () => {
    const fs = await features(service, at('incidents', INCIDENT_DETAIL_ZOOM - 1));
    // SJ0001-3 lie within 0.0002° of each other, far less than a cell (about 0.0014° at z10); SJ0004 is 7 km away.
    expect(fs.length).toBeGreaterThanOrEqual(2);
    expect(fs.length).toBeLessThanOrEqual(3);
    for (const f of fs) expect(Object.keys(f.properties).sort()).toEqual(['aggregated', 'count', 'weight']);
    expect(fs.reduce((n, f) => n + Number(f.properties.count), 0)).toBe(4);
    // Three open cases and one closed (SJ0003), which weighs CLOSED_WORKLOAD_WEIGHT.
    expect(fs.reduce((w, f) => w + Number(f.properties.weight), 0)).toBeCloseTo(3 + CLOSED_WORKLOAD_WEIGHT, 9);
  });

  run('a tile with nothing in it is empty', async () => {
    const { bytes } = await service.getTile(at('grids', 12, 100, 20));
    expect(bytes.byteLength).toBe(0);
  });

  run('a polygon crossing the tile edge is clipped to the buffer', async () => {
    const request = at('districts', 16, 118.7, 32.05); // a tile on the district border
    const fs = await features(service, request);
    expect(fs).toHaveLength(2);
    for (const f of fs) {
      for (const ring of f.rings) {
        for (const p of ring) {
          expect(p.x).toBeGreaterThanOrEqual(-64);
          expect(p.x).toBeLessThanOrEqual(4096 + 64);
          expect(p.y).toBeGreaterThanOrEqual(-64);
          expect(p.y).toBeLessThanOrEqual(4096 + 64);
        }
      }
    }
  });
});

describe('tile cache', () => {
  it('serves repeats from memory and drops them when the layer data version is bumped', async () => {
    const service = createTileService({ db: t.db, capabilities: t.capabilities });
    const request = at('grids', 13);
    const first = await service.getTile(request);
    expect(first.cached).toBe(false);
    const second = await service.getTile(request);
    expect(second.cached).toBe(true);
    expect(second.bytes).toBe(first.bytes);

    const target = decodeTile(first.bytes, request).features[0];
    await t.db.transaction(async (tx) => {
      await tx.execute('UPDATE grid SET name = $1 WHERE id = $2', ['改名后的网格', target.id]);
      await bumpDataVersion(tx, 'grids');
    });
    const third = await service.getTile(request);
    expect(third.cached).toBe(false);
    expect(third.version).not.toBe(first.version);
    const renamed = decodeTile(third.bytes, request).features.find((f) => f.id === target.id)!;
    expect(renamed.properties.name).toBe('改名后的网格');
  });

  it("remembers a layer's current version for a second, and forgets it at once when this process bumps it", async () => {
    const service = createTileService({ db: t.db, capabilities: t.capabilities });
    const now = Date.now();
    // Real time stands still here: what is remembered lasts as long as the request clock says.
    const wall = vi.spyOn(Date, 'now').mockReturnValue(now);
    onTestFinished(() => wall.mockRestore());
    const first = await service.currentLayerVersion('grids', new Date(now));
    // Bumped by another process (straight in the table): the remembered version within the second…
    await t.db.execute(`INSERT INTO data_version (layer, version) VALUES ('grids', 1) ON CONFLICT (layer) DO UPDATE SET version = data_version.version + 1`);
    expect(await service.currentLayerVersion('grids', new Date(now + 500))).toBe(first);
    // …the stored one after it, and always from layerVersion.
    const second = await service.currentLayerVersion('grids', new Date(now + 1000));
    expect(second).not.toBe(first);
    expect(await service.layerVersion('grids', new Date(now + 500))).toBe(second);
    // Bumped here: the next read has it.
    await t.db.transaction((tx) => bumpDataVersion(tx, 'grids'));
    const third = await service.currentLayerVersion('grids', new Date(now + 1001));
    expect(third).not.toBe(second);
    expect(third).toBe(await service.layerVersion('grids', new Date(now + 1001)));
  });

  it('uses ST_AsMVT when the engine has it, the JS encoder otherwise', () => {
    const service = createTileService({ db: t.db, capabilities: t.capabilities });
    expect(service.encoder).toBe(t.capabilities.asMvt ? 'postgis' : 'js');
    if (!t.capabilities.asMvt) {
      expect(() => createTileService({ db: t.db, capabilities: t.capabilities, encoder: 'postgis' })).toThrow(/ST_AsMVT/);
    }
  });
});
