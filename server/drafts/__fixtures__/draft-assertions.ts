/**
 * What the draft tests share: the draft's state as comparable strings (equal states are equal bit for
 * bit), the reference to its current version, grid keys by code, a box polygon, and the check that a
 * refused edit names its code in both languages.
 */
import { expect } from 'vitest';
import type { Executor } from '../../db';
import { getDraft, type DraftRef } from '../store';
import { DraftError } from '../errors';

/** Every grid of the draft as key -> code|name|kind|...|WKB. */
export async function draftState(db: Executor, draftId: number): Promise<Record<string, string>> {
  const rows = await db.query<{ grid_key: string; s: string }>(
    `SELECT grid_key, concat_ws('|', code, name, kind, dedicated_type, community_id, responsible_unit, notes, source_grid_id,
                                encode(ST_AsBinary(geom), 'hex')) AS s
       FROM grid_draft_grid WHERE draft_id = $1 ORDER BY grid_key`,
    [draftId],
  );
  return Object.fromEntries(rows.map((r) => [r.grid_key, r.s]));
}

/** The draft at the version it has now (what a client that just loaded it would send). */
export async function currentRef(db: Executor, draftId: number): Promise<DraftRef> {
  return { draftId, expectedVersion: (await getDraft(db, draftId)).version };
}

export async function gridKeyOf(db: Executor, draftId: number, code: string): Promise<string> {
  const f = (await getDraft(db, draftId)).grids.features.find((g) => g.properties.code === code);
  if (!f) throw new Error(`no grid ${code}`);
  return f.properties.key;
}

/** Keys of the draft's grids that have the vertex (x, y), exactly. */
export async function gridsWithVertex(db: Executor, draftId: number, x: number, y: number): Promise<string[]> {
  const rows = await db.query<{ grid_key: string }>(
    `SELECT DISTINCT g.grid_key FROM grid_draft_grid g, LATERAL ST_DumpPoints(g.geom) p
      WHERE g.draft_id = $1 AND ST_X(p.geom) = $2 AND ST_Y(p.geom) = $3 ORDER BY g.grid_key`,
    [draftId, x, y],
  );
  return rows.map((r) => r.grid_key);
}

/** An axis-parallel box as a GeoJSON Polygon. */
export const boxPolygon = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});

/** The promise fails with a DraftError of `code` that has its message in both languages. */
export async function expectDraftError(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DraftError);
  expect((err as DraftError).code).toBe(code);
  expect((err as DraftError).text['zh-CN'].length).toBeGreaterThan(0);
  // Complete in Chinese: no English phrase (two words running) left in the zh-CN text.
  expect((err as DraftError).text['zh-CN']).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
  expect((err as DraftError).text.en.length).toBeGreaterThan(0);
}
