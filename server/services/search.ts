import type { Executor } from '../db';
import { gridsInForce } from '../data/grids';
import { bboxOf, extentColumns, likeEscape, type Bbox } from '../data/sql';

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
  /** False for a caller who may not read standard addresses (a department reader without them). */
  addresses?: boolean;
}

/**
 * How each kind matches, for a code-looking query (digits only) and for text. Codes match by prefix as a
 * range on the code (`code >= $1 AND code < $2`), which any btree index on a code serves whatever the
 * database collation; text matches by substring (ILIKE), served by the trigram indexes of migration 0011
 * from three characters on. Two characters yield no trigram: standard addresses (the one big table) then
 * go through their character-pair index (migration 0014). A single character is matched as text (no index
 * helps; it is rare, and every address holds some character).
 * Code mode binds $1/$2 the code range (upper bound NULL when the prefix is all nines), $3 the limit and $4
 * the moment; the text modes bind $1 '%text%', $2 the limit, $3 the moment and (pairs) $4 the text.
 */
const codeRange = (col: string) => `(${col} >= $1::bpchar AND ($2::bpchar IS NULL OR ${col} < $2::bpchar))`;
const substring = (col: string) => `${col} ILIKE $1`;
const MODES = {
  code: { column: 'code', match: codeRange, addressMatch: codeRange('a.code'), limit: '$3', at: '$4' },
  text: { column: 'name', match: substring, addressMatch: substring('a.address'), limit: '$2', at: '$3' },
  pairs: { column: 'name', match: substring, addressMatch: `text_bigrams(a.address) @> text_bigrams($4::text) AND ${substring('a.address')}`, limit: '$2', at: '$3' },
} as const;
type Mode = keyof typeof MODES;

function branches(mode: Mode): string {
  const { match: m, column, addressMatch, at } = MODES[mode];
  const limit = `${MODES[mode].limit}::int`;
  const area = (expr: string) => `${extentColumns(expr)}, NULL::float8 AS lon, NULL::float8 AS lat`;
  return `
    (SELECT 'grid' AS kind, g.code AS key, g.code, g.name, d.name || ' · ' || s.name || ' · ' || c.name AS context, ${area('g.geom')}
       FROM ${gridsInForce(at)} g JOIN community c ON c.id = g.community_id JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
      WHERE ${m(`g.${column}`)}
      ORDER BY g.code LIMIT ${limit})
    UNION ALL
    (SELECT 'community', c.id::text, c.code, c.name, d.name || ' · ' || s.name, ${area('c.geom')}
       FROM community c JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
      WHERE ${m(`c.${column}`)}
      ORDER BY length(c.name), c.code LIMIT ${limit})
    UNION ALL
    (SELECT 'street', s.id::text, s.code, s.name, d.name, ${area('s.geom')}
       FROM street s JOIN district d ON d.id = s.district_id
      WHERE ${m(`s.${column}`)}
      ORDER BY length(s.name), s.code LIMIT ${limit})
    UNION ALL
    (SELECT 'district', d.id::text, d.code, d.name, '', ${area('d.geom')}
       FROM district d
      WHERE ${m(`d.${column}`)}
      ORDER BY d.code LIMIT ${limit})
    UNION ALL
    (SELECT 'address', a.id::text, a.code, a.address, d.name || ' · ' || s.name || ' · ' || c.name,
            NULL, NULL, NULL, NULL, ST_X(a.geom), ST_Y(a.geom)
       FROM standard_address a JOIN community c ON c.id = a.community_id JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
      WHERE ${addressMatch}
      ORDER BY length(a.address), a.code LIMIT ${limit})`;
}

// The statements are built once from constants; only the bound values change per query.
const SEARCH_SQL: Record<Mode, string> = { code: branches('code'), text: branches('text'), pairs: branches('pairs') };

/** The codes starting with `prefix` are those in [prefix, prefix + 1) of the same length: the upper bound. */
export function codePrefixUpperBound(prefix: string): string | null {
  const next = (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0');
  return next.length > prefix.length ? null : next;
}

interface Row {
  kind: SearchResultKind;
  key: string;
  code: string;
  name: string;
  context: string;
  xmin: number | null;
  ymin: number | null;
  xmax: number | null;
  ymax: number | null;
  lon: number | null;
  lat: number | null;
}

/**
 * Finds grids in force at `at` (by code prefix or name), communities, streets, districts and standard
 * addresses (by address text or doorplate code) matching the user's text, in one statement (one round
 * trip). Grids rank first for codes: the search box is mostly used to jump to a grid.
 */
export async function searchPlaces(db: Executor, input: SearchInput, at: Date): Promise<SearchResult[]> {
  const text = input.query.trim();
  if (text.length === 0) return [];
  const chars = [...text].length;
  const mode: Mode = /^[0-9]+$/.test(text) ? 'code' : chars === 2 ? 'pairs' : 'text';
  const limit = input.limit;
  const contains = `%${likeEscape(text)}%`;
  const params = mode === 'code' ? [text, codePrefixUpperBound(text), limit, at] : mode === 'pairs' ? [contains, limit, at, text] : [contains, limit, at];
  const rows = await db.query<Row>(SEARCH_SQL[mode], params);
  const results = (kind: SearchResultKind): SearchResult[] =>
    rows
      .filter((r) => r.kind === kind)
      .map((r) => ({
        kind,
        key: r.key,
        code: r.code,
        name: r.name,
        context: r.context,
        bbox: bboxOf(r),
        point: r.lon != null && r.lat != null ? [r.lon, r.lat] : null,
      }));
  // Each kind gets at most half the list so that one kind (say, 40 grids named after a road) cannot
  // hide the community or the address the user meant. Codes look for grids first; text for areas first.
  const share = Math.max(3, Math.ceil(limit / 2));
  const order = (
    mode === 'code' ? ['grid', 'community', 'address', 'street', 'district'] : ['district', 'street', 'community', 'grid', 'address']
  ).filter((kind) => kind !== 'address' || input.addresses !== false) as SearchResultKind[];
  return order.flatMap((kind) => results(kind).slice(0, share)).slice(0, limit);
}
