import type { Executor } from '../db';
import { bboxOf, extentColumns, likeEscape, type Bbox } from './geometry';

export type SearchResultKind = 'grid' | 'community' | 'street' | 'district' | 'address';

export interface SearchResult {
  kind: SearchResultKind;
  /** The key the details service takes: the grid code for grids, the row id otherwise. */
  key: string;
  code: string;
  name: string;
  /** Where it lies, e.g. "玄武区 · 梅园新村街道 · 长江路社区". */
  context: string;
  /** Where to fly: a box for areas, a point for addresses. */
  bbox: Bbox | null;
  point: [number, number] | null;
}

export interface SearchInput {
  query: string;
  limit: number;
}

interface AreaRow {
  key: string;
  code: string;
  name: string;
  context: string;
  xmin: number | null;
  ymin: number | null;
  xmax: number | null;
  ymax: number | null;
}

/**
 * Finds grids (by code prefix or name), communities, streets, districts and standard addresses (by
 * address text or doorplate code) matching the user's text. A code-looking query (digits only) matches
 * by prefix, which uses the unique indexes; text matches by substring. Grids rank first: the search box
 * is mostly used to jump to a grid.
 */
export async function searchPlaces(db: Executor, input: SearchInput): Promise<SearchResult[]> {
  const text = input.query.trim();
  if (text.length === 0) return [];
  const isCode = /^[0-9]+$/.test(text);
  const prefix = `${likeEscape(text)}%`;
  const contains = `%${likeEscape(text)}%`;
  const limit = input.limit;

  const grids = await db.query<AreaRow>(
    `SELECT g.code AS key, g.code, g.name,
            d.name || ' · ' || s.name || ' · ' || c.name AS context, ${extentColumns('g.geom')}
       FROM grid g
       JOIN community c ON c.id = g.community_id
       JOIN street s ON s.id = c.street_id
       JOIN district d ON d.id = s.district_id
      WHERE g.valid_to IS NULL
        AND (CASE WHEN $3::boolean THEN g.code LIKE $1 ELSE g.name ILIKE $2 END)
      ORDER BY g.code
      LIMIT $4::int`,
    [prefix, contains, isCode, limit],
  );

  const communities = await db.query<AreaRow>(
    `SELECT c.id::text AS key, c.code, c.name, d.name || ' · ' || s.name AS context, ${extentColumns('c.geom')}
       FROM community c
       JOIN street s ON s.id = c.street_id
       JOIN district d ON d.id = s.district_id
      WHERE (CASE WHEN $3::boolean THEN c.code LIKE $1 ELSE c.name ILIKE $2 END)
      ORDER BY length(c.name), c.code
      LIMIT $4::int`,
    [prefix, contains, isCode, limit],
  );

  const streets = await db.query<AreaRow>(
    `SELECT s.id::text AS key, s.code, s.name, d.name AS context, ${extentColumns('s.geom')}
       FROM street s
       JOIN district d ON d.id = s.district_id
      WHERE (CASE WHEN $3::boolean THEN s.code LIKE $1 ELSE s.name ILIKE $2 END)
      ORDER BY length(s.name), s.code
      LIMIT $4::int`,
    [prefix, contains, isCode, limit],
  );

  const districts = await db.query<AreaRow>(
    `SELECT d.id::text AS key, d.code, d.name, '' AS context, ${extentColumns('d.geom')}
       FROM district d
      WHERE (CASE WHEN $3::boolean THEN d.code LIKE $1 ELSE d.name ILIKE $2 END)
      ORDER BY d.code
      LIMIT $4::int`,
    [prefix, contains, isCode, limit],
  );

  const addresses = await db.query<{ key: string; code: string; name: string; context: string; lon: number; lat: number }>(
    `SELECT a.id::text AS key, a.code, a.address AS name,
            d.name || ' · ' || s.name || ' · ' || c.name AS context,
            ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat
       FROM standard_address a
       JOIN community c ON c.id = a.community_id
       JOIN street s ON s.id = c.street_id
       JOIN district d ON d.id = s.district_id
      WHERE (CASE WHEN $3::boolean THEN a.code LIKE $1 ELSE a.address ILIKE $2 END)
      ORDER BY length(a.address), a.code
      LIMIT $4::int`,
    [prefix, contains, isCode, limit],
  );

  const area = (kind: SearchResultKind) => (r: AreaRow): SearchResult => ({
    kind,
    key: r.key,
    code: r.code.trim(),
    name: r.name,
    context: r.context,
    bbox: bboxOf(r),
    point: null,
  });
  const addressResults: SearchResult[] = addresses.map((r) => ({
    kind: 'address' as const,
    key: r.key,
    code: r.code.trim(),
    name: r.name,
    context: r.context,
    bbox: null,
    point: [r.lon, r.lat] as [number, number],
  }));
  // Each kind gets at most half the list so that one kind (say, 40 grids named after a road) cannot
  // hide the community or the address the user meant. Codes look for grids first; text for areas first.
  const share = Math.max(3, Math.ceil(limit / 2));
  const groups = isCode
    ? [grids.map(area('grid')), communities.map(area('community')), addressResults, streets.map(area('street')), districts.map(area('district'))]
    : [districts.map(area('district')), streets.map(area('street')), communities.map(area('community')), grids.map(area('grid')), addressResults];
  const results = groups.flatMap((g) => g.slice(0, share));
  return results.slice(0, limit);
}
