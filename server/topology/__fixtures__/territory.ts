/**
 * A tiny territory with known answers for the topology engine's tests (both engines).
 *
 *   x (units of U degrees) 0        1        2        3        4        5        6
 *   district 320102 ...... |<-------- street 320102001 -------->|<- 320102002 ->|  district 320104
 *   communities            |   C1 = 320102001001 (2x2 grids)    | C1b ...002   |  C2 ..002001 | C3 = 320104001001
 *
 * C1 spans x 0..2, C1b 2..3 (same street), C2 3..4 (next street, same district), C3 4..6 (next district);
 * every community spans y 0..2. Addresses: one of 400 households at each C1 cell centre, plus a 10-household
 * one at x=1.05 (just inside cell 2) and a 5-household one at x=0.95 (just inside cell 1), both at y=0.5.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Executor } from '../../db';
import type { GridCandidate } from '@/geo/topology/grid-candidate';

export const LON0 = 118.7;
export const LAT0 = 32.0;
/** One unit: 0.002 degrees (~189 m east-west, ~222 m north-south here). */
export const U = 0.002;

export const at = (x: number, y: number): Position => [+(LON0 + x * U).toFixed(9), +(LAT0 + y * U).toFixed(9)];
export const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]],
});
const multi = (p: Polygon): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [p.coordinates] });
const gj = (g: Polygon | MultiPolygon) => JSON.stringify(g);

export const CODES = {
  districtA: '320102',
  districtB: '320104',
  streetA1: '320102001',
  streetA2: '320102002',
  streetB1: '320104001',
  c1: '320102001001',
  c1b: '320102001002',
  c2: '320102002001',
  c3: '320104001001',
} as const;

/** Inserts the territory and its addresses; returns the street ids the tests need. */
export async function seedFixtureTerritory(tx: Executor): Promise<{ streetA1: number; streetA2: number; streetB1: number; districtB: number }> {
  const [city] = await tx.query<{ id: number }>(`INSERT INTO city (code, name, geom) VALUES ('320100', '测试市', ST_Multi(ST_GeomFromGeoJSON($1))) RETURNING id`, [gj(rect(0, 0, 6, 2))]);
  const district = async (code: string, name: string, g: Polygon) =>
    (await tx.query<{ id: number }>(`INSERT INTO district (city_id, code, name, geom) VALUES ($1, $2, $3, ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON($4)), 4326)) RETURNING id`, [city!.id, code, name, gj(g)]))[0]!.id;
  const street = async (districtId: number, code: string, name: string, g: Polygon) =>
    (await tx.query<{ id: number }>(`INSERT INTO street (district_id, code, name, geom) VALUES ($1, $2, $3, ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON($4)), 4326)) RETURNING id`, [districtId, code, name, gj(g)]))[0]!.id;
  const community = async (streetId: number, code: string, name: string, g: Polygon) =>
    (await tx.query<{ id: number }>(`INSERT INTO community (street_id, code, name, geom) VALUES ($1, $2, $3, ST_SetSRID(ST_Multi(ST_GeomFromGeoJSON($4)), 4326)) RETURNING id`, [streetId, code, name, gj(g)]))[0]!.id;
  const dA = await district(CODES.districtA, '甲区', rect(0, 0, 4, 2));
  const dB = await district(CODES.districtB, '乙区', rect(4, 0, 6, 2));
  const sA1 = await street(dA, CODES.streetA1, '一号街道', rect(0, 0, 3, 2));
  const sA2 = await street(dA, CODES.streetA2, '二号街道', rect(3, 0, 4, 2));
  const sB1 = await street(dB, CODES.streetB1, '三号街道', rect(4, 0, 6, 2));
  const c1 = await community(sA1, CODES.c1, '一社区', rect(0, 0, 2, 2));
  const c1b = await community(sA1, CODES.c1b, '二社区', rect(2, 0, 3, 2));
  const c2 = await community(sA2, CODES.c2, '三社区', rect(3, 0, 4, 2));
  const c3 = await community(sB1, CODES.c3, '四社区', rect(4, 0, 6, 2));
  const addresses: [number, string, number, number, number][] = [
    [c1, '一社区1号', 0.5, 0.5, 400],
    [c1, '一社区2号', 1.5, 0.5, 400],
    [c1, '一社区3号', 0.5, 1.5, 400],
    [c1, '一社区4号', 1.5, 1.5, 400],
    [c1, '一社区5号', 1.05, 0.5, 10],
    [c1, '一社区6号', 0.95, 0.5, 5],
    [c1b, '二社区1号', 2.5, 1, 350],
    [c2, '三社区1号', 3.5, 1, 450],
    [c3, '四社区1号', 5, 1, 320],
  ];
  const codeOf = new Map([[c1, CODES.c1], [c1b, CODES.c1b], [c2, CODES.c2], [c3, CODES.c3]]);
  let seq = 0;
  for (const [cid, name, x, y, households] of addresses) {
    const [lon, lat] = at(x, y);
    await tx.execute(
      `INSERT INTO standard_address (code, address, building_type, households, residents, community_id, geom)
       VALUES ($1, $2, 'mid_rise', $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326))`,
      [`${codeOf.get(cid)}${String(++seq).padStart(6, '0')}`, name, households, Math.round(households * 2.5), cid, lon, lat],
    );
  }
  return { streetA1: sA1, streetA2: sA2, streetB1: sB1, districtB: dB };
}

/** A grid of C1 by cell number (1 = south-west, 2 = south-east, 3 = north-west, 4 = north-east). */
export function cell(n: 1 | 2 | 3 | 4, geometry?: Polygon | MultiPolygon, patch: Partial<GridCandidate> = {}): GridCandidate {
  const x = (n - 1) % 2;
  const y = n > 2 ? 1 : 0;
  return {
    key: `g${n}`,
    code: `${CODES.c1}00${n}`,
    name: `一社区第${n}网格`,
    kind: 'comprehensive',
    dedicatedType: null,
    communityCode: CODES.c1,
    geometry: geometry ?? rect(x, y, x + 1, y + 1),
    ...patch,
  };
}

export const cleanC1 = (): GridCandidate[] => [cell(1), cell(2), cell(3), cell(4)];
export { multi };
