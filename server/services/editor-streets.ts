/**
 * Read-only look-ups for the street editor: which streets there are to edit, and the communities of one
 * street (for "fill the rest" of a community that has no grid yet).
 *
 * Security: no authentication exists yet; the next issue narrows the list to the editor's own street.
 */
import type { MultiPolygon } from 'geojson';
import type { Executor } from '../db';

export interface EditableStreet {
  id: number;
  code: string;
  name: string;
  districtName: string;
  /** The street's draft being edited, if one is open. */
  draftId: number | null;
}

export interface StreetCommunity {
  id: number;
  code: string;
  name: string;
  /** The boundary, for snapping in the editor: full precision, like the draft grids, so a shared vertex is the same double. */
  geometry: MultiPolygon;
}

/** Every street of the city, in code order (which is district order). */
export async function listEditableStreets(db: Executor): Promise<EditableStreet[]> {
  const rows = await db.query<{ id: number; code: string; name: string; district_name: string; draft_id: number | null }>(
    `SELECT s.id, s.code, s.name, d.name AS district_name,
            (SELECT gd.id FROM grid_draft gd WHERE gd.street_id = s.id AND gd.status = 'editing') AS draft_id
       FROM street s JOIN district d ON d.id = s.district_id
      ORDER BY s.code`,
    [],
  );
  return rows.map((r) => ({ id: r.id, code: r.code.trim(), name: r.name, districtName: r.district_name, draftId: r.draft_id }));
}

/** The street's communities in code order with their boundaries, and the street's own code and name. */
export async function streetCommunities(
  db: Executor,
  streetId: number,
): Promise<{ street: { id: number; code: string; name: string } | null; communities: StreetCommunity[] }> {
  const [street] = await db.query<{ id: number; code: string; name: string }>('SELECT id, code, name FROM street WHERE id = $1::int', [streetId]);
  if (!street) return { street: null, communities: [] };
  const rows = await db.query<{ id: number; code: string; name: string; geometry: MultiPolygon | string }>(
    'SELECT id, code, name, ST_AsGeoJSON(geom, 15)::json AS geometry FROM community WHERE street_id = $1::int ORDER BY code',
    [streetId],
  );
  return {
    street: { id: street.id, code: street.code.trim(), name: street.name },
    communities: rows.map((r) => ({
      id: r.id,
      code: r.code.trim(),
      name: r.name,
      geometry: typeof r.geometry === 'string' ? (JSON.parse(r.geometry) as MultiPolygon) : r.geometry,
    })),
  };
}
