/**
 * What every check of the topology engine works with: the temp tables of one run (./load.ts), the
 * settings, the findings collected so far, and the budget of the run.
 *
 * How the engine stays correct on both engines (PostGIS 3.3 on the server, 3.6 in PGlite):
 * - one SQL path, no ST_Coverage* functions, so both engines run the very same statements (parity is
 *   by construction, and the parity test runs the fixture cases on each engine against known answers);
 * - the set is loaded into TEMP tables inside ONE transaction; ST_IsValid is checked first and an invalid
 *   grid reaches the overlays only in its repaired form (grid_repair, never stored), so that one broken
 *   grid does not hide the gaps and addresses of its community; findings resting on a repaired grid say so;
 * - every overlay is fixed-precision (gridSize 1e-7 degrees, ~1 cm) and overlaps are found with
 *   ST_Relate(a, b, '2********') after a GiST && prefilter; areas are geodesic (::geography) in m².
 */
import type { Polygon, MultiPolygon } from 'geojson';
import type { GridCandidate } from '@/geo/topology/grid-candidate';
import { localized, type LocalizedText } from '@/geo/text/localized-text';
import type { Executor } from '../db';
import type { FindingCode, Severity, TopologyFinding, TopologySettings } from './finding-codes';

/**
 * Snap-rounding grid of every overlay, in degrees: 1e-7 (~1 cm), the precision the territory itself is
 * stored at (the seed snaps to it; survey and GPS files carry 6-7 decimals). At 1e-8 the demo city shows
 * 3 mm-wide "spills" of 1-5 m² along 400 m edges: noise below the data's own precision, not findings.
 */
export const GRID = '1e-7';
/**
 * Pieces thinner than one and a half grid steps are the same noise: where one grid has a vertex on a long
 * edge that its neighbour or its community does not (where a new boundary inside it ends), rounding to the
 * grid leaves a needle or a strip one step wide and square metres in area along a kilometre of edge. The
 * measure is 2A/P in metres: a strip's width, half a needle's base. Gaps, spills and cross-jurisdiction
 * parts that thin are not findings; overlaps that thin are warnings.
 */
export const NOISE_WIDTH_M = 0.017;
/** SQL: whether piece `geom` of geodesic area `area` (m²) is wider than that noise. */
export const widerThanNoise = (geom: string, area: string) => `(2 * ${area} / greatest(ST_Perimeter(${geom}::geography), 1e-9) >= ${NOISE_WIDTH_M})`;
/** A grid in force is named by its code, also when it is a neighbour of the set (key inforce:<code>, load.ts). */
export const gridLabel = (key: string) => (key.startsWith('inforce:') ? key.slice('inforce:'.length) : key);

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

/** Bounds on the work and the output of one run (an outside caller may send 20,000 identical squares). */
export interface RunLimits {
  /** Findings listed per code; the rest are counted (report.totals) and summed up in a note. */
  maxFindingsPerCode: number;
  /** Pairs of overlapping grids looked for; past it, the count is a lower bound. */
  maxOverlapPairs: number;
  /** Once a run has taken this long, the checks not yet started are skipped (with a note). */
  budgetMs: number;
}

export const DEFAULT_RUN_LIMITS: Readonly<RunLimits> = Object.freeze({ maxFindingsPerCode: 500, maxOverlapPairs: 10_000, budgetMs: 20_000 });

export interface ValidateGridSetInput {
  grids: readonly GridCandidate[];
  parent: TopologyParent;
  /** 'in-force': also compare with the grids in force (at `at`) outside the set (neighbouring communities/streets). */
  neighbours?: 'in-force' | 'none';
  settings?: Partial<TopologySettings>;
  /** The moment whose grids in force are the neighbours; now by default. */
  at?: Date;
  limits?: Partial<RunLimits>;
}

export type InForceScope = 'city' | { streetId: number } | { districtId: number };

/** The findings of a run: the first `cap` of each code listed, every one counted. */
export class Findings {
  readonly list: TopologyFinding[] = [];
  readonly notes: LocalizedText[] = [];
  readonly totals = new Map<FindingCode, number>();
  blocking = 0;
  warnings = 0;
  constructor(private readonly cap: number) {}

  add(f: TopologyFinding): void {
    const n = (this.totals.get(f.code) ?? 0) + 1;
    this.totals.set(f.code, n);
    this.count(f.severity, 1);
    if (n <= this.cap) this.list.push(f);
  }

  /** Findings known to exist but not built one by one (overlap pairs past the detail limit). */
  addUnlisted(code: FindingCode, severity: Severity, n: number): void {
    if (n <= 0) return;
    this.totals.set(code, (this.totals.get(code) ?? 0) + n);
    this.count(severity, n);
  }

  private count(severity: Severity, n: number) {
    if (severity === 'blocking') this.blocking += n;
    else this.warnings += n;
  }
}

export interface CheckContext {
  tx: Executor;
  /** How messages name a grid: its code, else its name, else its key (a new draft grid has no code yet). */
  label: (key: string) => string;
  settings: TopologySettings;
  limits: RunLimits;
  mode: 'communities' | 'geometry';
  parentName: string;
  out: Findings;
  /** Parents where gaps and addresses are not checked (a grid there could not even be repaired). */
  skipParents: Set<number>;
  /**
   * Parents where the area arithmetic of the gap fast path does not hold: their grids overlap or spill, or
   * one of them was checked in its repaired form. Their gaps always take the slow path.
   */
  dirtyParents: Set<number>;
  /** Checking the grids in force (not a set). */
  inForce: boolean;
  /**
   * In-force only: the candidates are rows of `grid` (idx = grid.id), described by this filter, so the
   * two heaviest joins can read `grid` itself, where the server may run them in parallel (temp tables
   * are never scanned by parallel workers). Same rows, same predicates: same findings.
   */
  source?: {
    /** FROM item of the grid versions in force, aliased `t`. */
    from: (t: string) => string;
    /** The rows of that item that are loaded (in the set or as neighbours). */
    where: (t: string) => string;
    /** Those of them in the set. */
    inSet: (t: string) => string;
    params: unknown[];
  };
  started: number;
  /** Milliseconds per check, for the benchmark. */
  timings: Record<string, number>;
  /** Checks skipped because the run's time budget was spent. */
  skipped: string[];
}

/** Runs one check, timed; skipped (and named in the report) once the run's budget is spent. */
export async function timed(ctx: CheckContext, name: string, fn: () => Promise<unknown>): Promise<void> {
  if (performance.now() - ctx.started > ctx.limits.budgetMs) {
    ctx.skipped.push(name);
    return;
  }
  const t0 = performance.now();
  await fn();
  ctx.timings[name] = Math.round((performance.now() - t0) * 10) / 10;
}

/** Keys named in one message: at most this many, then "and N more". */
const KEYS_IN_MESSAGE = 20;

export function keyList(keys: readonly string[], label: (k: string) => string, max = KEYS_IN_MESSAGE): LocalizedText {
  const shown = keys.slice(0, max).map(label);
  const more = keys.length - shown.length;
  return localized(shown.join('、') + (more > 0 ? ` 等 ${keys.length} 个` : ''), shown.join(', ') + (more > 0 ? ` and ${more} more` : ''));
}
