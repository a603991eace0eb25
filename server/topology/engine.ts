/**
 * The topology engine: one call, one report. The authority on whether a set of grids tiles its
 * communities (or a given boundary) without gaps, overlaps, spills or stray addresses.
 *
 * How it stays correct on both engines (PostGIS 3.3 on the server, 3.6 in PGlite):
 * - one SQL path, no ST_Coverage* functions, so both engines run the very same statements (parity is
 *   by construction, and the parity test runs the fixture cases on each engine against known answers);
 * - the set is loaded into TEMP tables inside ONE transaction; ST_IsValid is checked first and invalid
 *   grids never reach an overlay (PGlite swallows GEOS exceptions; the Db layer then throws
 *   SwallowedQueryError, which we let propagate rather than report a clean result);
 * - every overlay is fixed-precision (gridSize 1e-8 degrees, ~1 mm) and overlaps are found with
 *   ST_Relate(a, b, '2********') after a GiST && prefilter; areas are geodesic (::geography) in m².
 */
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { checkCode, CODE_REASONS } from '@/geo/codes/territory-codes';
import type { GridCandidate } from '@/geo/topology/grid-candidate';
import type { Db, Executor } from '../db';
import { DomainError } from '../services/errors';
import {
  FINDING_CODES as F,
  type ArrangementRef,
  type LocalizedText,
  type TopologyFinding,
  type TopologyReport,
  type TopologySettings,
} from './finding-codes';
import { messages } from './messages';
import { readTopologySettings } from './settings';

/**
 * Snap-rounding grid of every overlay, in degrees: 1e-7 (~1 cm), the precision the territory itself is
 * stored at (the seed snaps to it; survey and GPS files carry 6-7 decimals). At 1e-8 the demo city shows
 * 3 mm-wide "spills" of 1-5 m² along 400 m edges: noise below the data's own precision, not findings.
 */
const GRID = '1e-7';
/** Neighbours in force have keys of this form so that findings can name them. */
export const inForceKey = (code: string) => `inforce:${code}`;
/** A grid in force is named by its code, also when it is a neighbour of the set (key inforce:<code>). */
const gridLabel = (key: string) => (key.startsWith('inforce:') ? key.slice('inforce:'.length) : key);

export type TopologyParent =
  | {
      kind: 'communities';
      /**
       * The communities the set is meant to tile (a street's draft: all its communities). Listed ones
       * left without any grid are gaps. Without it, the parents are the communities the grids name or lie in.
       */
      communityCodes?: readonly string[];
    }
  | { kind: 'geometry'; geometry: Polygon | MultiPolygon; name?: string };

export interface ValidateGridSetInput {
  grids: readonly GridCandidate[];
  parent: TopologyParent;
  /** 'in-force': also compare with the grids in force outside the set (neighbouring communities/streets). */
  neighbours?: 'in-force' | 'none';
  settings?: Partial<TopologySettings>;
}

export type InForceScope = 'city' | { streetId: number } | { districtId: number };

export class TopologyInputError extends DomainError {
  constructor(
    code: string,
    readonly text: LocalizedText,
  ) {
    super(code, text.en);
    this.name = 'TopologyInputError';
  }
}

type Tx = Executor;
type Runner = Db | Executor;

function inTransaction<T>(db: Runner, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const run = async (tx: Tx) => {
    // Geometry functions carry huge cost estimates, so the server would JIT-compile every statement
    // here (~170 ms each, measured) for no gain. PGlite has no JIT; the setting is harmless there.
    await tx.execute(`SET LOCAL jit = off`);
    return fn(tx);
  };
  // A caller that already holds a transaction (a draft save) passes its executor; we join it.
  return 'transaction' in db && typeof db.transaction === 'function' ? db.transaction(run) : run(db);
}

function engineOf(db: Runner): 'embedded' | 'server' {
  return 'engine' in db && db.engine === 'embedded' ? 'embedded' : 'server';
}

const parseJson = (v: unknown): Geometry | null => (v == null ? null : typeof v === 'string' ? (JSON.parse(v) as Geometry) : (v as Geometry));

// ---------------------------------------------------------------------------------------------------
// Loading

async function createTempTables(tx: Tx): Promise<void> {
  await tx.script(`
    DROP TABLE IF EXISTS topo_cand;
    DROP TABLE IF EXISTS topo_parent;
    CREATE TEMP TABLE topo_cand (
      idx             int PRIMARY KEY,
      key             text NOT NULL,
      code            text,
      name            text,
      kind            text NOT NULL,
      community_code  text,
      in_set          boolean NOT NULL,
      raw             geometry,
      valid           boolean,
      reason          text,
      location        geometry,
      geom            geometry,
      parent_id       int
    ) ON COMMIT DROP;
    CREATE TEMP TABLE topo_parent (
      id              int PRIMARY KEY,
      community_id    int,
      code            text,
      name            text,
      street_id       int,
      district_id     int,
      geom            geometry NOT NULL
    ) ON COMMIT DROP;
  `);
}

async function loadCandidates(tx: Tx, grids: readonly GridCandidate[]): Promise<void> {
  await tx.execute(
    `INSERT INTO topo_cand (idx, key, code, name, kind, community_code, in_set, raw)
     SELECT u.i, u.key, u.code, u.name, u.kind, u.community, true, ST_SetSRID(ST_GeomFromGeoJSON(u.gj), 4326)
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
          AS u(i, key, code, name, kind, community, gj)`,
    [
      grids.map((_, i) => i),
      grids.map((g) => g.key),
      grids.map((g) => g.code),
      grids.map((g) => g.name),
      grids.map((g) => g.kind),
      grids.map((g) => g.communityCode),
      grids.map((g) => JSON.stringify(g.geometry)),
    ],
  );
}

/**
 * Validity first: nothing else touches a geometry before this says it is valid. Empty geometries and
 * empty parts count as invalid too (an overlay on them proves nothing).
 */
async function checkValidity(tx: Tx): Promise<void> {
  await tx.execute(
    `UPDATE topo_cand SET
       valid = NOT ST_IsEmpty(raw) AND ST_IsValid(raw)
               AND GeometryType(raw) IN ('POLYGON', 'MULTIPOLYGON')
               AND ST_NumGeometries(raw) = (SELECT count(*) FROM ST_Dump(raw) d WHERE NOT ST_IsEmpty(d.geom)),
       reason = CASE
         WHEN ST_IsEmpty(raw) THEN 'Empty geometry'
         WHEN GeometryType(raw) NOT IN ('POLYGON', 'MULTIPOLYGON') THEN 'Not a polygon: ' || GeometryType(raw)
         WHEN NOT ST_IsValid(raw) THEN ST_IsValidReason(raw)
         WHEN ST_NumGeometries(raw) <> (SELECT count(*) FROM ST_Dump(raw) d WHERE NOT ST_IsEmpty(d.geom)) THEN 'Empty part'
       END,
       location = CASE WHEN NOT ST_IsEmpty(raw) AND NOT ST_IsValid(raw) THEN (ST_IsValidDetail(raw)).location END
     WHERE in_set`,
  );
  await tx.execute(`UPDATE topo_cand SET geom = ST_Multi(ST_Force2D(raw)) WHERE valid`);
}

async function indexCandidates(tx: Tx): Promise<void> {
  await tx.script(`CREATE INDEX topo_cand_geom_idx ON topo_cand USING gist (geom); ANALYZE topo_cand; ANALYZE topo_parent;`);
}

// ---------------------------------------------------------------------------------------------------
// The report builder

class Findings {
  readonly list: TopologyFinding[] = [];
  readonly notes: LocalizedText[] = [];
  add(f: TopologyFinding) {
    this.list.push(f);
  }
}

interface Context {
  tx: Tx;
  /** How messages name a grid: its code, else its name, else its key (a new draft grid has no code yet). */
  label: (key: string) => string;
  settings: TopologySettings;
  mode: 'communities' | 'geometry';
  parentName: string;
  out: Findings;
  /** Parents where gaps and addresses are not checked (an invalid grid there would fake findings). */
  skipParents: Set<number>;
  /** Parents whose grids overlap or spill: the area arithmetic of the gap fast path does not hold there. */
  dirtyParents: Set<number>;
  /** Checking the grids in force (not a set). */
  inForce: boolean;
  /**
   * In-force only: the candidates are rows of `grid` (idx = grid.id), described by this filter, so the
   * two heaviest joins can read `grid` itself, where the server may run them in parallel (temp tables
   * are never scanned by parallel workers). Same rows, same predicates: same findings.
   */
  source?: {
    /** The rows of `grid` aliased `t` that are loaded (in the set or as neighbours). */
    where: (t: string) => string;
    /** Those of them in the set. */
    inSet: (t: string) => string;
    params: unknown[];
  };
  started: number;
  /** Milliseconds per check, for the benchmark. */
  timings: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------
// Checks

function reportValidity(ctx: Context, rows: { key: string; reason: string; location: unknown }[]): void {
  for (const r of rows) {
    const reason = r.reason ?? 'invalid';
    const code = /self-intersection/i.test(reason)
      ? F.gridSelfIntersection
      : /too few points|empty/i.test(reason)
        ? F.gridEmptyPart
        : F.gridInvalid;
    const message =
      code === F.gridSelfIntersection ? messages.selfIntersection(ctx.label(r.key), reason) : code === F.gridEmptyPart ? messages.emptyPart(ctx.label(r.key), reason) : messages.invalid(ctx.label(r.key), reason);
    ctx.out.add({
      code,
      severity: 'blocking',
      gridKeys: [r.key],
      geometry: parseJson(r.location),
      reason,
      message,
      fix: { kind: 'make-valid', gridKey: r.key },
    });
  }
}

async function checkCodes(ctx: Context): Promise<void> {
  const rows = await ctx.tx.query<{ key: string; code: string | null; community: string | null; in_set: boolean }>(
    `SELECT c.key, c.code, p.code AS community, c.in_set FROM topo_cand c LEFT JOIN topo_parent p ON p.id = c.parent_id ORDER BY c.idx`,
  );
  const byCode = new Map<string, string[]>();
  for (const r of rows) {
    const code = r.code?.trim() ?? '';
    if (r.in_set && !code) {
      ctx.out.add({ code: F.codeMissing, severity: 'warning', gridKeys: [r.key], geometry: null, message: messages.codeMissing(ctx.label(r.key)) });
      continue;
    }
    if (!code) continue;
    if (r.in_set) {
      const check = checkCode('grid', code, ctx.mode === 'communities' && r.community ? r.community : undefined);
      if (!check.valid) {
        const why = {
          [CODE_REASONS.notDigits]: ['只能由数字组成', 'digits only'],
          [CODE_REASONS.wrongLength]: ['应为 15 位', 'must be 15 digits'],
          [CODE_REASONS.zeroSequence]: ['网格序号不能为 000', 'the grid sequence cannot be 000'],
          [CODE_REASONS.wrongParent]: [`前 12 位应为所属社区编码 ${r.community}`, `the first 12 digits must be its community code ${r.community}`],
        }[check.reason];
        ctx.out.add({
          code: F.codeMalformed,
          severity: 'blocking',
          gridKeys: [r.key],
          geometry: null,
          reason: check.reason,
          communityCode: r.community,
          message: messages.codeMalformed(ctx.label(r.key), code, why[0]!, why[1]!),
        });
      }
    }
    (byCode.get(code) ?? byCode.set(code, []).get(code)!).push(r.key);
  }
  for (const [code, keys] of byCode) {
    if (keys.length < 2 || keys.every((k) => k.startsWith('inforce:'))) continue;
    ctx.out.add({ code: F.codeDuplicate, severity: 'blocking', gridKeys: keys, geometry: null, message: messages.codeDuplicate(code, keys.map(ctx.label)) });
  }
}

async function checkOverlaps(ctx: Context): Promise<void> {
  let only: { a: number[]; b: number[] } | null = null;
  if (ctx.source) {
    // The pair search on `grid` itself (parallel on the server); the detail query below then only
    // revisits the pairs found, with the very same predicate.
    const src = ctx.source;
    const pairs = await ctx.tx.query<{ a: number; b: number }>(
      `SELECT a.id AS a, b.id AS b FROM grid a JOIN grid b ON a.id < b.id AND a.geom && b.geom
       WHERE (${src.where('a')}) AND (${src.where('b')}) AND (${src.inSet('a')} OR ${src.inSet('b')})
         AND ST_Relate(a.geom, b.geom, '2********')`,
      src.params,
    );
    only = { a: pairs.map((p) => p.a), b: pairs.map((p) => p.b) };
    if (pairs.length === 0) return;
  }
  const rows = await ctx.tx.query<{ a: string; b: string; pa: number | null; pb: number | null; gj: string | null; area: number }>(
    `SELECT a, b, pa, pb, ST_AsGeoJSON(o, 8) AS gj, coalesce(ST_Area(o::geography), 0) AS area FROM (
       SELECT a.key AS a, b.key AS b, a.idx AS ai, b.idx AS bi, a.parent_id AS pa, b.parent_id AS pb,
              ST_CollectionExtract(ST_Intersection(a.geom, b.geom, ${GRID}), 3) AS o
       FROM topo_cand a JOIN topo_cand b ON a.idx < b.idx AND a.geom && b.geom
       WHERE (a.in_set OR b.in_set) AND a.geom IS NOT NULL AND b.geom IS NOT NULL
         AND ($1::bigint[] IS NULL OR (a.idx, b.idx) IN (SELECT * FROM unnest($1::bigint[], $2::bigint[])))
         AND ST_Relate(a.geom, b.geom, '2********')) x
     ORDER BY ai, bi`,
    [only?.a ?? null, only?.b ?? null],
  );
  for (const r of rows) {
    if (r.pa != null) ctx.dirtyParents.add(r.pa);
    if (r.pb != null) ctx.dirtyParents.add(r.pb);
    const blocking = r.area >= ctx.settings.overlapAreaM2;
    ctx.out.add({
      code: F.gridOverlap,
      severity: blocking ? 'blocking' : 'warning',
      gridKeys: [r.a, r.b],
      geometry: parseJson(r.gj),
      areaM2: r.area,
      message: messages.overlap(ctx.label(r.a), ctx.label(r.b), r.area, blocking),
      fix: { kind: 'snap-to-neighbours', gridKey: r.b.startsWith('inforce:') ? r.a : r.b, neighbourKeys: [r.b.startsWith('inforce:') ? r.b : r.a] },
    });
  }
}

/**
 * The grid of parent `parentExpr` with the longest edge shared with `piece` (a temp row): where the
 * give-to-neighbour fix sends the piece. Only grids of the piece's own parent qualify, so the fix never
 * moves land across a community border (a gap along the border often shares its longest edge with the
 * next community's grid; grids in force around the set have no parent and never qualify). None when no
 * such grid shares an edge: then no fix is suggested.
 */
const LONGEST_SHARED_EDGE = (pieceExpr: string, parentExpr: string, exclude: string) => `
  LATERAL (
    SELECT e.target, e.shared FROM (
      SELECT n.key AS target, n.idx, ST_Length(ST_Intersection(ST_Boundary(${pieceExpr}), n.geom, ${GRID})::geography) AS shared
      FROM topo_cand n
      WHERE n.geom && ${pieceExpr} AND n.geom IS NOT NULL AND n.parent_id = ${parentExpr} AND ${exclude}) e
    WHERE e.shared > 0
    ORDER BY e.shared DESC, e.idx LIMIT 1
  ) nb`;

/**
 * Gaps. Fast path, exact by arithmetic: where a parent's grids neither overlap nor stray outside it,
 * the area they cover IS the sum of their areas, so parent area minus that sum is the total gap; when it
 * is below half the tolerance no gap piece can reach the tolerance, and the union is skipped. Only the
 * other parents (a few in a clean city) pay for ST_Union + ST_Difference. The 0.5 margin absorbs the
 * planar-to-geodesic factor, taken per parent.
 */
async function checkGaps(ctx: Context): Promise<void> {
  const open = await ctx.tx.query<{ id: number }>(
    `SELECT p.id FROM topo_parent p
     JOIN topo_cand c ON c.parent_id = p.id AND c.in_set AND c.geom IS NOT NULL
     WHERE NOT (p.id = ANY ($1::int[]))
     GROUP BY p.id, p.geom
     HAVING p.id = ANY ($2::int[])
         OR (ST_Area(p.geom) - sum(ST_Area(c.geom))) * ST_Area(p.geom::geography) / greatest(ST_Area(p.geom), 1e-30) >= $3::float8 * 0.5`,
    [[...ctx.skipParents], [...ctx.dirtyParents], ctx.settings.gapAreaM2],
  );
  // Parents with no grid of their own (a boundary file's parent, grids matched elsewhere) also go the slow way.
  const orphan = await ctx.tx.query<{ id: number }>(
    `SELECT p.id FROM topo_parent p WHERE NOT (p.id = ANY ($1::int[]))
       AND NOT EXISTS (SELECT 1 FROM topo_cand c WHERE c.parent_id = p.id AND c.in_set AND c.geom IS NOT NULL)`,
    [[...ctx.skipParents]],
  );
  const slow = [...open, ...orphan].map((r) => r.id);
  ctx.timings.gapSlowParents = slow.length;
  if (slow.length === 0) return;
  const rows = await ctx.tx.query<{
    parent: number; code: string | null; name: string; gj: string; area: number; hole_of: string | null; target: string | null; shared: number | null;
  }>(
    `WITH cover AS (
       SELECT p.id, ST_Union(c.geom, ${GRID}) AS u
       FROM topo_parent p JOIN topo_cand c ON c.geom && p.geom AND ST_Intersects(c.geom, p.geom)
       WHERE p.id = ANY ($1::int[])
       GROUP BY p.id),
     gap AS (
       SELECT p.id, p.code, p.name, (ST_Dump(ST_CollectionExtract(ST_Difference(p.geom, cv.u, ${GRID}), 3))).geom AS geom
       FROM topo_parent p JOIN cover cv ON cv.id = p.id),
     big AS (SELECT *, ST_Area(geom::geography) AS area FROM gap)
     SELECT b.id AS parent, b.code, b.name, ST_AsGeoJSON(b.geom, 8) AS gj, b.area,
            (SELECT h.key FROM topo_cand h
              WHERE h.geom && b.geom AND h.geom IS NOT NULL
                AND ST_Covers((SELECT ST_Collect(ST_MakePolygon(ST_ExteriorRing(d.geom))) FROM ST_Dump(h.geom) d), ST_PointOnSurface(b.geom))
              ORDER BY h.idx LIMIT 1) AS hole_of,
            nb.target, nb.shared
     FROM big b LEFT JOIN ${LONGEST_SHARED_EDGE('b.geom', 'b.id', 'n.in_set')} ON true
     WHERE b.area >= $2::float8
     ORDER BY b.id, b.area DESC`,
    [slow, ctx.settings.gapAreaM2],
  );
  for (const r of rows) {
    const parentName = ctx.mode === 'communities' ? `${r.name}（${r.code}）` : ctx.parentName;
    const fix = r.target ? { kind: 'give-to-neighbour' as const, gridKey: null, targetGridKey: r.target, sharedEdgeM: r.shared ?? 0 } : undefined;
    if (r.hole_of) {
      ctx.out.add({
        code: F.gridHole, severity: 'blocking', gridKeys: [r.hole_of], geometry: parseJson(r.gj), areaM2: r.area, communityCode: r.code,
        message: messages.hole(ctx.label(r.hole_of), r.area), fix: { kind: 'give-to-neighbour', gridKey: null, targetGridKey: r.hole_of, sharedEdgeM: r.shared ?? 0 },
      });
    } else {
      ctx.out.add({
        code: F.coverageGap, severity: 'blocking', gridKeys: r.target ? [r.target] : [], geometry: parseJson(r.gj), areaM2: r.area,
        communityCode: r.code, message: messages.gap(parentName, r.area), ...(fix ? { fix } : {}),
      });
    }
  }
}

/**
 * Parts of a grid outside its parent. Against communities: a part in another street is a
 * cross-jurisdiction case (a warning when a jurisdiction arrangement covers it, blocking otherwise);
 * within the same street, or outside every community, it is a spill.
 */
async function checkSpills(ctx: Context): Promise<void> {
  // Any stray piece, even below the tolerance, breaks the gap fast path's arithmetic for that parent.
  const stray = await ctx.tx.query<{ idx: number; parent_id: number }>(
    `SELECT c.idx, c.parent_id FROM topo_cand c JOIN topo_parent p ON p.id = c.parent_id
     WHERE c.in_set AND c.geom IS NOT NULL AND NOT ST_CoveredBy(c.geom, p.geom)`,
  );
  for (const p of stray) ctx.dirtyParents.add(p.parent_id);
  if (stray.length === 0) return;
  const rows = await ctx.tx.query<{
    key: string; parent_id: number; own_code: string | null; own_street: number | null; gj: string; area: number;
    street_id: number | null; street_name: string | null; district_id: number | null; district_name: string | null; own_district: number | null;
    arr_id: number | null; arr_kind: ArrangementRef['kind'] | null; arr_name: string | null; arr_status: ArrangementRef['status'] | null;
  }>(
    `WITH stray AS (
       SELECT c.idx, c.key, p.id AS parent_id, p.code AS own_code, p.street_id AS own_street, p.district_id AS own_district,
              (ST_Dump(ST_CollectionExtract(ST_Difference(c.geom, p.geom, ${GRID}), 3))).geom AS geom
       FROM topo_cand c JOIN topo_parent p ON p.id = c.parent_id
       WHERE c.idx = ANY ($3::int[])),
     part AS (SELECT *, ST_Area(geom::geography) AS area, ST_PointOnSurface(geom) AS pt FROM stray)
     SELECT s.key, s.parent_id, s.own_code, s.own_street, s.own_district, ST_AsGeoJSON(s.geom, 8) AS gj, s.area,
            loc.street_id, loc.street_name, loc.district_id, loc.district_name,
            arr.id AS arr_id, arr.kind AS arr_kind, arr.name AS arr_name, arr.status AS arr_status
     FROM part s
     LEFT JOIN LATERAL (
       SELECT st.id AS street_id, st.name AS street_name, d.id AS district_id, d.name AS district_name
       FROM community cm JOIN street st ON st.id = cm.street_id JOIN district d ON d.id = st.district_id
       WHERE $2 AND cm.geom && s.pt AND ST_Covers(cm.geom, s.pt) ORDER BY cm.id LIMIT 1) loc ON true
     LEFT JOIN LATERAL (
       SELECT a.id, a.kind, a.name, a.status FROM jurisdiction_arrangement a
       WHERE $2 AND a.status <> 'resolved' AND a.geom && s.geom
         AND ST_Area(ST_Intersection(a.geom, s.geom, ${GRID})::geography) >= 0.9 * s.area
         AND (a.to_street_id = s.own_street OR a.home_street_id = s.own_street)
       ORDER BY a.id LIMIT 1) arr ON true
     WHERE s.area >= $1::float8
     ORDER BY s.idx, s.area DESC`,
    [ctx.settings.gapAreaM2, ctx.mode === 'communities', stray.map((r) => r.idx)],
  );
  for (const r of rows) {
    const elsewhere = ctx.mode === 'communities' && r.street_id != null && r.street_id !== r.own_street;
    if (!elsewhere) {
      const parent = ctx.mode === 'communities' ? `社区 ${r.own_code}` : ctx.parentName;
      const msg = messages.spill(ctx.label(r.key), parent, r.area);
      if (ctx.mode === 'communities') msg.en = msg.en.replace(`社区 ${r.own_code}`, `community ${r.own_code}`);
      ctx.out.add({
        code: F.gridSpill, severity: 'blocking', gridKeys: [r.key], geometry: parseJson(r.gj), areaM2: r.area, communityCode: r.own_code,
        message: msg, fix: { kind: 'clip-to-parent', gridKey: r.key },
      });
      continue;
    }
    const otherDistrict = r.district_id !== r.own_district;
    const where = otherDistrict ? `${r.district_name}${r.street_name}（其他区）` : `${r.street_name}（其他街道）`;
    const whereEn = otherDistrict ? `another district (${r.district_name} ${r.street_name})` : `another street (${r.street_name})`;
    const arrangement: ArrangementRef | null = r.arr_id != null ? { id: r.arr_id, kind: r.arr_kind!, name: r.arr_name!, status: r.arr_status! } : null;
    ctx.out.add({
      code: F.crossJurisdiction, severity: arrangement ? 'warning' : 'blocking', gridKeys: [r.key], geometry: parseJson(r.gj), areaM2: r.area,
      communityCode: r.own_code, message: messages.crossJurisdiction(ctx.label(r.key), where, whereEn, r.area, arrangement),
      ...(arrangement ? { arrangement } : { fix: { kind: 'clip-to-parent' as const, gridKey: r.key } }),
    });
  }
}

/**
 * An enclave lies inside another district while belonging to its home street, so its grids do not
 * spill from their community: they are found through the arrangement itself and always flagged.
 */
async function checkEnclaves(ctx: Context): Promise<void> {
  if (ctx.mode !== 'communities') return;
  const rows = await ctx.tx.query<{ key: string; code: string | null; gj: string; area: number; id: number; kind: ArrangementRef['kind']; name: string; status: ArrangementRef['status']; host: string }>(
    `SELECT c.key, p.code, ST_AsGeoJSON(x.geom, 8) AS gj, ST_Area(x.geom::geography) AS area, a.id, a.kind, a.name, a.status, d.name AS host
     FROM topo_cand c JOIN topo_parent p ON p.id = c.parent_id
     JOIN jurisdiction_arrangement a ON a.kind = 'enclave' AND a.status <> 'resolved' AND a.geom && c.geom
     JOIN district d ON d.id = a.host_district_id
     CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(c.geom, a.geom, ${GRID}), 3) AS geom) x
     WHERE c.in_set AND c.geom IS NOT NULL AND ST_Relate(c.geom, a.geom, '2********')
     ORDER BY c.idx, a.id`,
  );
  for (const r of rows) {
    if (r.area < ctx.settings.gapAreaM2) continue;
    const arrangement: ArrangementRef = { id: r.id, kind: r.kind, name: r.name, status: r.status };
    ctx.out.add({
      code: F.crossJurisdiction, severity: 'warning', gridKeys: [r.key], geometry: parseJson(r.gj), areaM2: r.area, communityCode: r.code, arrangement,
      message: messages.crossJurisdiction(ctx.label(r.key), `${r.host}境内（飞地）`, `${r.host} (an enclave)`, r.area, arrangement),
    });
  }
}

async function checkShapes(ctx: Context): Promise<void> {
  const rows = await ctx.tx.query<{
    key: string; code: string | null; parts: number; part_no: number; largest: boolean; gj: string; area: number; thinness: number; target: string | null; shared: number | null;
  }>(
    // Prefilter on planar figures (degrees scaled by the local metre factor, with generous slack for
    // the lon/lat anisotropy), then decide on exact geodesic ones: same answer, a tenth of the work.
    `WITH part AS (
       SELECT c.idx, c.key, c.parent_id, p.code, ST_NumGeometries(c.geom) AS parts, d.path[1] AS part_no, d.geom,
              ST_Area(d.geom) AS a_deg, ST_Perimeter(d.geom) AS p_deg,
              111320.0 * 111320.0 * cos(radians((ST_YMin(d.geom) + ST_YMax(d.geom)) / 2)) AS k
       FROM topo_cand c LEFT JOIN topo_parent p ON p.id = c.parent_id CROSS JOIN LATERAL ST_Dump(c.geom) d
       WHERE c.in_set AND c.geom IS NOT NULL),
     maybe AS (
       SELECT * FROM part
       WHERE parts > 1 OR a_deg * k < $1::float8 * 1.5 OR 4 * pi() * a_deg / greatest(p_deg * p_deg, 1e-30) < $2::float8 * 2),
     exact AS (SELECT *, ST_Area(geom::geography) AS area, ST_Perimeter(geom::geography) AS perimeter FROM maybe),
     ranked AS (
       SELECT *, 4 * pi() * area / greatest(perimeter * perimeter, 1e-12) AS thinness,
              row_number() OVER (PARTITION BY idx ORDER BY area DESC, part_no) = 1 AS largest
       FROM exact),
     flagged AS (SELECT * FROM ranked WHERE (parts > 1 AND NOT largest) OR area < $1::float8 OR 4 * pi() * area / greatest(perimeter * perimeter, 1e-12) < $2::float8)
     SELECT f.key, f.code, f.parts, f.part_no, f.largest, ST_AsGeoJSON(f.geom, 8) AS gj, f.area, f.thinness, nb.target, nb.shared
     FROM flagged f LEFT JOIN ${LONGEST_SHARED_EDGE('f.geom', 'f.parent_id', 'n.key <> f.key')} ON true
     ORDER BY f.idx, f.part_no`,
    [ctx.settings.sliverAreaM2, ctx.settings.sliverThinness],
  );
  const strayByGrid = new Map<string, typeof rows>();
  for (const r of rows) {
    if (r.area < ctx.settings.sliverAreaM2 || r.thinness < ctx.settings.sliverThinness) {
      ctx.out.add({
        code: F.gridSliver, severity: 'warning', gridKeys: [r.key], geometry: parseJson(r.gj), areaM2: r.area, communityCode: r.code,
        message: messages.sliver(ctx.label(r.key), r.area, r.thinness),
        ...(r.target ? { fix: { kind: 'give-to-neighbour' as const, gridKey: r.key, targetGridKey: r.target, sharedEdgeM: r.shared ?? 0 } } : {}),
      });
    }
    if (r.parts > 1 && !r.largest) (strayByGrid.get(r.key) ?? strayByGrid.set(r.key, []).get(r.key)!).push(r);
  }
  for (const [key, parts] of strayByGrid) {
    const area = parts.reduce((s, p) => s + p.area, 0);
    const best = parts.filter((p) => p.target).sort((a, b) => b.area - a.area)[0];
    const geoms = parts.map((p) => parseJson(p.gj)).filter((g): g is Polygon => g?.type === 'Polygon');
    ctx.out.add({
      code: F.gridMultipart, severity: 'warning', gridKeys: [key],
      geometry: geoms.length === 1 ? geoms[0]! : { type: 'MultiPolygon', coordinates: geoms.map((g) => g.coordinates) },
      areaM2: area, communityCode: parts[0]!.code, message: messages.multipart(ctx.label(key), parts[0]!.parts, area),
      ...(best ? { fix: { kind: 'give-to-neighbour' as const, gridKey: key, targetGridKey: best.target!, sharedEdgeM: best.shared ?? 0 } } : {}),
    });
  }
}

/**
 * Every standard address of the checked parents in exactly one grid, and the load of each grid.
 * One spatial join (grid outer, GiST on the address points) feeds both checks.
 */
async function checkAddressesAndLoad(ctx: Context): Promise<void> {
  const scopeSql =
    ctx.mode === 'communities'
      ? `SELECT a.id, a.address, a.households, a.residents, a.geom, p.id AS parent_id, p.code AS parent_code
         FROM topo_parent p JOIN standard_address a ON a.community_id = p.community_id
         WHERE NOT (p.id = ANY ($1::int[]))`
      : `SELECT a.id, a.address, a.households, a.residents, a.geom, p.id AS parent_id, NULL::text AS parent_code
         FROM topo_parent p JOIN standard_address a ON a.geom && p.geom AND ST_Covers(p.geom, a.geom)
         WHERE NOT (p.id = ANY ($1::int[]))`;
  const [scoped] = await ctx.tx.query<{ any: boolean }>(`SELECT EXISTS (${scopeSql}) AS any`, [[...ctx.skipParents]]);
  if (!scoped?.any) {
    // A file for an area this database holds no base data for: counting zero households everywhere
    // would bury the real findings under load warnings. (Parents skipped for invalid grids have a note.)
    if (ctx.skipParents.size === 0) ctx.out.notes.push({
      'zh-CN': '该范围内没有标准地址：未检查地址入格和网格户数。',
      en: 'No standard addresses in this area: address assignment and households per grid were not checked.',
    });
    return;
  }
  await ctx.tx.script(`DROP TABLE IF EXISTS topo_pair`);
  // Grid outer, GiST on the address points: the same polygon repeats, so PostGIS's point-in-polygon
  // cache serves each grid's addresses.
  await ctx.tx.execute(
    ctx.source
      ? `CREATE TEMP TABLE topo_pair ON COMMIT DROP AS
         SELECT g.id AS idx, a.id AS address_id, a.households, a.residents
         FROM grid g JOIN standard_address a ON a.geom && g.geom AND ST_Intersects(g.geom, a.geom)
         WHERE ${ctx.source.where('g')}`
      : `CREATE TEMP TABLE topo_pair ON COMMIT DROP AS
         SELECT c.idx, a.id AS address_id, a.households, a.residents
         FROM topo_cand c JOIN standard_address a ON a.geom && c.geom AND ST_Intersects(c.geom, a.geom)
         WHERE c.geom IS NOT NULL`,
    ctx.source?.params ?? [],
  );
  // Few addresses are in several grids or in none: find those two small sets without aggregating all.
  const none = await ctx.tx.query<{ id: number; address: string; households: number; parent_code: string | null; gj: string; keys: null }>(
    `WITH scope AS (${scopeSql})
     SELECT s.id, s.address, s.households, s.parent_code, ST_AsGeoJSON(s.geom, 8) AS gj, NULL AS keys
     FROM scope s WHERE NOT EXISTS (SELECT 1 FROM topo_pair t WHERE t.address_id = s.id)`,
    [[...ctx.skipParents]],
  );
  const several = await ctx.tx.query<{ id: number; address: string; households: number; parent_code: string | null; gj: string; keys: string[] }>(
    `WITH scope AS (${scopeSql}),
     several AS (
       SELECT t.address_id, array_agg(c.key ORDER BY c.idx) AS keys
       FROM topo_pair t JOIN topo_cand c ON c.idx = t.idx
       WHERE t.address_id IN (SELECT address_id FROM topo_pair GROUP BY address_id HAVING count(*) > 1)
       GROUP BY t.address_id)
     SELECT s.id, s.address, s.households, s.parent_code, ST_AsGeoJSON(s.geom, 8) AS gj, x.keys
     FROM scope s JOIN several x ON x.address_id = s.id`,
    [[...ctx.skipParents]],
  );
  const addr = [...none, ...several].sort((a, b) => a.id - b.id);
  for (const a of addr) {
    if (!a.keys) {
      ctx.out.add({
        code: F.addressUnassigned, severity: 'blocking', gridKeys: [], geometry: parseJson(a.gj), communityCode: a.parent_code,
        households: a.households, message: messages.addressUnassigned(a.address, a.households),
      });
    } else {
      ctx.out.add({
        code: F.addressInSeveral, severity: 'blocking', gridKeys: a.keys, geometry: parseJson(a.gj), communityCode: a.parent_code,
        households: a.households, message: messages.addressInSeveral(a.address, a.keys.map(ctx.label)),
      });
    }
  }
  const { householdsMin, householdsMax, residentsMax } = ctx.settings.norm;
  const load = await ctx.tx.query<{ key: string; code: string | null; households: number; residents: number }>(
    `SELECT c.key, p.code, coalesce(sum(t.households), 0)::int AS households, coalesce(sum(t.residents), 0)::int AS residents
     FROM topo_cand c LEFT JOIN topo_parent p ON p.id = c.parent_id LEFT JOIN topo_pair t ON t.idx = c.idx
     WHERE c.in_set AND c.geom IS NOT NULL AND c.kind = 'comprehensive'
     GROUP BY c.idx, c.key, p.code
     HAVING coalesce(sum(t.households), 0) < $1 OR coalesce(sum(t.households), 0) > $2 OR coalesce(sum(t.residents), 0) > $3
     ORDER BY c.idx`,
    [householdsMin, householdsMax, residentsMax],
  );
  for (const l of load) {
    ctx.out.add({
      code: F.loadOutOfNorm, severity: 'warning', gridKeys: [l.key], geometry: null, communityCode: l.code,
      households: l.households, residents: l.residents, message: messages.load(ctx.label(l.key), l.households, l.residents, ctx.settings.norm),
    });
  }
}

async function reportUngridded(ctx: Context): Promise<Set<number>> {
  const rows = await ctx.tx.query<{ id: number; code: string; name: string; addresses: number; households: number }>(
    `SELECT p.id, p.code, p.name,
            (SELECT count(*) FROM standard_address a WHERE a.community_id = p.community_id)::int AS addresses,
            (SELECT coalesce(sum(a.households), 0) FROM standard_address a WHERE a.community_id = p.community_id)::int AS households
     FROM topo_parent p WHERE NOT EXISTS (SELECT 1 FROM topo_cand c WHERE c.parent_id = p.id)
     ORDER BY p.code`,
  );
  for (const r of rows) {
    ctx.out.add({
      code: F.communityUngridded, severity: 'warning', gridKeys: [], geometry: null, communityCode: r.code, households: r.households,
      message: messages.communityUngridded(r.name, r.code, r.addresses, r.households),
    });
  }
  return new Set(rows.map((r) => r.id));
}

// ---------------------------------------------------------------------------------------------------
// The pipeline shared by both entry points

async function timed(ctx: Context, name: string, fn: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  await fn();
  ctx.timings[name] = Math.round((performance.now() - t0) * 10) / 10;
}

async function runChecks(ctx: Context): Promise<void> {
  ctx.timings.load = Math.round(performance.now() - ctx.started);
  const invalid = await ctx.tx.query<{ key: string; reason: string; location: string | null; parent_id: number | null }>(
    `SELECT key, reason, ST_AsGeoJSON(location, 8) AS location, parent_id FROM topo_cand WHERE in_set AND NOT valid ORDER BY idx`,
  );
  reportValidity(ctx, invalid);
  const withInvalid = new Set(invalid.map((r) => r.parent_id).filter((p): p is number => p != null));
  if (ctx.mode === 'geometry' && invalid.length > 0) withInvalid.add(1);
  for (const id of withInvalid) ctx.skipParents.add(id);
  if (withInvalid.size > 0) {
    ctx.out.notes.push({
      'zh-CN': `有 ${invalid.length} 个网格几何无效，未参与叠加分析；其所在的 ${withInvalid.size} 个社区未检查缝隙和地址入格，修复后请重新检查。`,
      en: `${invalid.length} grid(s) with invalid geometry were kept out of all overlays; gaps and address assignment were not checked in their ${withInvalid.size} parent(s). Fix them and check again.`,
    });
  }
  // Grids in force: a community with none is "not gridded yet", reported once. In a set (a draft) a
  // community listed but left empty is a gap like any other, found by checkGaps.
  if (ctx.inForce) for (const id of await reportUngridded(ctx)) ctx.skipParents.add(id);
  await timed(ctx, 'codes', () => checkCodes(ctx));
  await timed(ctx, 'overlaps', () => checkOverlaps(ctx));
  await timed(ctx, 'spills', () => checkSpills(ctx));
  await timed(ctx, 'gaps', () => checkGaps(ctx));
  await timed(ctx, 'enclaves', () => checkEnclaves(ctx));
  await timed(ctx, 'shapes', () => checkShapes(ctx));
  await timed(ctx, 'addresses', () => checkAddressesAndLoad(ctx));
}

function finish(db: Runner, ctx: Context, counts: { grids: number; parents: number; neighbours: number }, started: number): TopologyReport {
  const order = (s: string) => (s === 'blocking' ? 0 : 1);
  const findings = ctx.out.list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => order(a.f.severity) - order(b.f.severity) || a.f.code.localeCompare(b.f.code) || a.i - b.i)
    .map((x) => x.f);
  const blocking = findings.filter((f) => f.severity === 'blocking').length;
  return {
    engine: engineOf(db),
    ...counts,
    blocking,
    warnings: findings.length - blocking,
    ok: blocking === 0,
    findings,
    settings: ctx.settings,
    notes: ctx.out.notes,
    timingsMs: ctx.timings,
    elapsedMs: Math.round(performance.now() - started),
  };
}

// ---------------------------------------------------------------------------------------------------
// Entry points

/** Validates any set of grids (a draft, an imported file) against the communities or a given boundary. */
export async function validateGridSet(db: Runner, input: ValidateGridSetInput): Promise<TopologyReport> {
  const started = performance.now();
  return inTransaction(db, async (tx) => {
    const settings = await readTopologySettings(tx, input.settings);
    await createTempTables(tx);
    await loadCandidates(tx, input.grids);
    await checkValidity(tx);
    const out = new Findings();
    const labels = new Map(input.grids.map((g) => [g.key, g.code ?? g.name ?? g.key]));
    const ctx: Context = {
      tx, label: (key) => labels.get(key) ?? gridLabel(key), settings, mode: input.parent.kind, parentName: '', out,
      skipParents: new Set(), dirtyParents: new Set(), inForce: false, started, timings: {},
    };

    if (input.parent.kind === 'geometry') {
      ctx.parentName = input.parent.name ?? 'the given boundary';
      const [p] = await tx.query<{ valid: boolean; reason: string }>(
        `SELECT ST_IsValid(g) AND NOT ST_IsEmpty(g) AS valid, ST_IsValidReason(g) AS reason
         FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
        [JSON.stringify(input.parent.geometry)],
      );
      if (!p?.valid) {
        throw new TopologyInputError('PARENT_INVALID', {
          'zh-CN': `上级边界几何无效：${p?.reason ?? '空'}`,
          en: `The parent boundary is not a valid polygon: ${p?.reason ?? 'empty'}`,
        });
      }
      await tx.execute(
        `INSERT INTO topo_parent (id, name, geom) VALUES (1, $2, ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))))`,
        [JSON.stringify(input.parent.geometry), ctx.parentName],
      );
      await tx.execute(`UPDATE topo_cand SET parent_id = 1`);
    } else {
      // The community of each grid: as given, else the one holding most of its (valid) area.
      await tx.execute(
        `INSERT INTO topo_parent (id, community_id, code, name, street_id, district_id, geom)
         SELECT cm.id, cm.id, cm.code, cm.name, cm.street_id, st.district_id, cm.geom
         FROM community cm JOIN street st ON st.id = cm.street_id
         WHERE cm.code IN (SELECT community_code FROM topo_cand WHERE community_code IS NOT NULL) OR cm.code = ANY ($1::text[])`,
        [input.parent.communityCodes ?? []],
      );
      await tx.execute(`UPDATE topo_cand c SET parent_id = p.id FROM topo_parent p WHERE p.code = c.community_code`);
      await tx.execute(
        `UPDATE topo_cand c SET parent_id = (
           SELECT cm.id FROM community cm
           WHERE cm.geom && c.geom AND ST_Relate(cm.geom, c.geom, '2********')
           ORDER BY ST_Area(ST_Intersection(cm.geom, c.geom, ${GRID})) DESC, cm.id LIMIT 1)
         WHERE c.community_code IS NULL AND c.valid`,
      );
      // An invalid grid never reaches an overlay; its community is the one holding its bounding-box
      // centre (a point-in-polygon test on the valid community), so that the gap and address checks of
      // that community can be held back instead of reporting the area the broken grid was meant to cover.
      await tx.execute(
        `UPDATE topo_cand c SET parent_id = (
           SELECT cm.id FROM community cm
           WHERE ST_Covers(cm.geom, ST_SetSRID(ST_MakePoint((ST_XMin(c.raw) + ST_XMax(c.raw)) / 2, (ST_YMin(c.raw) + ST_YMax(c.raw)) / 2), 4326))
           ORDER BY cm.id LIMIT 1)
         WHERE c.community_code IS NULL AND NOT c.valid AND NOT ST_IsEmpty(c.raw)`,
      );
      await tx.execute(
        `INSERT INTO topo_parent (id, community_id, code, name, street_id, district_id, geom)
         SELECT cm.id, cm.id, cm.code, cm.name, cm.street_id, st.district_id, cm.geom
         FROM community cm JOIN street st ON st.id = cm.street_id
         WHERE cm.id IN (SELECT parent_id FROM topo_cand WHERE parent_id IS NOT NULL)
         ON CONFLICT (id) DO NOTHING`,
      );
      const unknown = await tx.query<{ key: string; community_code: string | null }>(
        `SELECT key, community_code FROM topo_cand WHERE parent_id IS NULL AND (community_code IS NOT NULL OR valid) ORDER BY idx`,
      );
      for (const u of unknown) {
        out.add({ code: F.communityUnknown, severity: 'blocking', gridKeys: [u.key], geometry: null, communityCode: u.community_code, message: messages.communityUnknown(ctx.label(u.key), u.community_code) });
      }
    }

    let neighbours = 0;
    if (input.neighbours === 'in-force') {
      // Grids in force that the set does not replace: outside its communities, and not the same code.
      neighbours = await tx.execute(
        `INSERT INTO topo_cand (idx, key, code, name, kind, community_code, in_set, valid, geom)
         SELECT 1000000 + row_number() OVER (ORDER BY g.code)::int, 'inforce:' || g.code, g.code, g.name, g.kind, NULL, false, true, g.geom
         FROM grid g, (SELECT ST_Expand(ST_Extent(geom), 1e-6) AS box FROM topo_cand WHERE in_set AND geom IS NOT NULL) e
         WHERE g.valid_to IS NULL AND g.geom && e.box
           AND NOT (g.community_id IN (SELECT community_id FROM topo_parent WHERE community_id IS NOT NULL))
           AND g.code NOT IN (SELECT code FROM topo_cand WHERE code IS NOT NULL)`,
      );
    }
    await timed(ctx, 'index', () => indexCandidates(tx));
    await runChecks(ctx);
    const [parents] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM topo_parent`);
    return finish(db, ctx, { grids: input.grids.length, parents: parents!.n, neighbours }, started);
  });
}

/** Validates the grids in force of the city, a street or a district (neighbours across the border included). */
export async function validateGridsInForce(db: Runner, opts: { scope: InForceScope; settings?: Partial<TopologySettings> }): Promise<TopologyReport> {
  const started = performance.now();
  const scope = opts.scope;
  const where =
    scope === 'city' ? 'true' : 'streetId' in scope ? 'cm.street_id = $1::int' : 'st.district_id = $1::int';
  const params = scope === 'city' ? [] : ['streetId' in scope ? scope.streetId : scope.districtId];
  return inTransaction(db, async (tx) => {
    const settings = await readTopologySettings(tx, opts.settings);
    await createTempTables(tx);
    await tx.execute(
      `INSERT INTO topo_parent (id, community_id, code, name, street_id, district_id, geom)
       SELECT cm.id, cm.id, cm.code, cm.name, cm.street_id, st.district_id, cm.geom
       FROM community cm JOIN street st ON st.id = cm.street_id WHERE ${where}`,
      params,
    );
    // idx = grid.id, so that the joins reading `grid` directly (ctx.source) name the same rows.
    const grids = await tx.execute(
      `INSERT INTO topo_cand (idx, key, code, name, kind, community_code, in_set, valid, geom, parent_id)
       SELECT g.id, g.code, g.code, g.name, g.kind, p.code, true, true, g.geom, p.id
       FROM grid g JOIN topo_parent p ON p.community_id = g.community_id
       WHERE g.valid_to IS NULL`,
    );
    const [box] = await tx.query<{ box: string | null }>(
      `SELECT ST_AsEWKT(ST_Expand(ST_Extent(geom), 1e-6)) AS box FROM (SELECT geom FROM topo_parent UNION ALL SELECT geom FROM topo_cand) x`,
    );
    let neighbours = 0;
    const communityIds = (await tx.query<{ id: number }>(`SELECT community_id AS id FROM topo_parent`)).map((r) => r.id);
    if (scope !== 'city') {
      neighbours = await tx.execute(
        `INSERT INTO topo_cand (idx, key, code, name, kind, community_code, in_set, valid, geom)
         SELECT g.id, 'inforce:' || g.code, g.code, g.name, g.kind, NULL, false, true, g.geom
         FROM grid g
         WHERE g.valid_to IS NULL AND g.geom && ST_GeomFromEWKT($1)
           AND NOT (g.community_id = ANY ($2::int[]))`,
        [box?.box ?? 'SRID=4326;POLYGON EMPTY', communityIds],
      );
    }
    const out = new Findings();
    const ctx: Context = {
      tx, label: gridLabel, settings, mode: 'communities', parentName: '', out, skipParents: new Set(), dirtyParents: new Set(), inForce: true, started, timings: {},
      // Exactly the rows loaded above: the scope's grids, plus (street/district) the neighbours in the box.
      // Only arrays and constants here: a temp table in these queries would keep them out of parallel workers.
      source: scope === 'city'
        ? { where: (t) => `${t}.valid_to IS NULL`, inSet: () => 'true', params: [] }
        : {
            where: (t) => `${t}.valid_to IS NULL AND (${t}.community_id = ANY ($1::int[]) OR ${t}.geom && ST_GeomFromEWKT($2))`,
            inSet: (t) => `${t}.community_id = ANY ($1::int[])`,
            params: [communityIds, box?.box ?? 'SRID=4326;POLYGON EMPTY'],
          },
    };
    // Let the server run the joins on `grid` in parallel even though the planner thinks them small
    // (it cannot see how costly each geometry predicate is). Local to this transaction.
    await tx.script(`SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; SET LOCAL min_parallel_table_scan_size = 0;`);
    await timed(ctx, 'index', () => indexCandidates(tx));
    await runChecks(ctx);
    const [parents] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM topo_parent`);
    return finish(db, ctx, { grids, parents: parents!.n, neighbours }, started);
  });
}
