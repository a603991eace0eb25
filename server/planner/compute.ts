/**
 * Runs a scenario over its communities, one after another (each is independent: grids stay inside their
 * community), yielding to the event loop between them so a long run never holds up other requests, and
 * reporting progress. The same function serves the planner's runs, the CLI and the benchmark.
 */
import { rebalanceCommunity, type ProposedGrid } from '@/geo/rebalance/community-scenario';
import { scenarioFigures, type DivisionTally, type NormLimits, type ScenarioFigures, type StaffingRule } from '@/geo/rebalance/figures';
import type { GridRefusal } from '@/geo/rebalance/rebalance';
import { strayParts, type Separation } from '@/geo/rebalance/drawn-parts';
import { createRng, hashString } from '@/geo/random/prng';
import type { Executor } from '../db';
import type { StaffingPricing } from '../settings';
import type { LoadedCommunity, TodayGrid } from './load';
import { drawShapes, type DrawnShape } from './shapes';
import type { ScopeCommunity } from './scope';

export interface ScenarioParams {
  householdsMin: number;
  householdsMax: number;
  residentsMax: number;
  keepDedicated: boolean;
  barrierLayerId: number | null;
  /** The random stream of the tree cuts: the same seed gives the same scenario. */
  seed: number;
}

export interface ScenarioGrid extends Omit<ProposedGrid, 'todayGridId' | 'cells'> {
  communityId: number;
  source: TodayGrid | null;
  /** Its shape; null when unchanged (today's shape, by source.id). */
  geometry: DrawnShape['geometry'] | null;
  polsbyPopper: number;
}

/** A grid left out of range, and why (for the list beside the figures). */
export interface ScenarioRefusal {
  communityId: number;
  communityCode: string;
  communityName: string;
  /** Today's code of the grid it carries on, or null for a new one. */
  gridCode: string | null;
  households: number;
  refusal: GridRefusal;
}

export interface ComputedScenario {
  figures: ScenarioFigures;
  pricing: StaffingPricing;
  grids: ScenarioGrid[];
  refusals: ScenarioRefusal[];
  addresses: number;
  durationMs: number;
}

/** Communities whose shapes are being drawn while the next is divided. */
const SHAPES_IN_FLIGHT = 3;

/** Times a community is divided again when its drawn grids come in pieces. */
const REDIVISIONS = 2;

export const fen = (yuan: number) => Math.round(yuan * 100);

export function staffingRule(p: StaffingPricing): StaffingRule {
  return { fullTimePerGrid: p.fullTimePerGrid, partTimePerGrid: p.partTimePerGrid, fullTimeMonthlyFen: fen(p.fullTimeMonthlyYuan), partTimeMonthlyFen: fen(p.partTimeMonthlyYuan) };
}

export async function computeScenario(
  db: Executor,
  communities: readonly LoadedCommunity[],
  meta: ReadonlyMap<number, ScopeCommunity>,
  params: ScenarioParams,
  pricing: StaffingPricing,
  onProgress: (done: number, total: number) => void | Promise<void> = () => {},
): Promise<ComputedScenario> {
  const started = performance.now();
  const limits: NormLimits = { min: params.householdsMin, max: params.householdsMax, residentsMax: params.residentsMax };
  const today: DivisionTally = { grids: [], cutEdges: 0 };
  const scenario: DivisionTally = { grids: [], cutEdges: 0 };
  const moved = { units: 0, households: 0, totalHouseholds: 0 };
  const grids: ScenarioGrid[] = [];
  const refusals: ScenarioRefusal[] = [];
  let addresses = 0;
  /** Takes one community's division and its drawn shapes into the tallies (in community order). */
  const collect = (c: LoadedCommunity, r: ReturnType<typeof rebalanceCommunity>, shapes: Map<number, DrawnShape>) => {
    const community = meta.get(c.communityId)!;
    for (const g of r.todayGrids) {
      const pp = g.id == null ? c.polsbyPopper : (c.todayGrids.get(g.id)?.polsbyPopper ?? 0);
      today.grids.push({ households: g.households, residents: g.residents, dedicated: g.dedicated, polsbyPopper: pp });
    }
    today.cutEdges += r.todayCutEdges;
    scenario.cutEdges += r.cutEdges;
    moved.units += r.movedAddresses;
    moved.households += r.movedHouseholds;
    moved.totalHouseholds += r.totalHouseholds;
    addresses += c.addresses.length;
    r.grids.forEach((g, k) => {
      const { todayGridId, cells: _cells, ...rest } = g;
      const source = todayGridId == null ? null : (c.todayGrids.get(todayGridId) ?? null);
      const shape = g.unchanged ? null : (shapes.get(k) ?? null);
      // A grid whose cells all fell outside the area (an address in a gap beyond every grid) has no shape.
      if (!g.unchanged && !shape) return;
      const polsbyPopper = shape ? shape.polsbyPopper : (source?.polsbyPopper ?? 0);
      grids.push({ ...rest, communityId: c.communityId, source, geometry: shape?.geometry ?? null, polsbyPopper });
      scenario.grids.push({ households: g.households, residents: g.residents, dedicated: g.dedicated, polsbyPopper });
    });
    for (const f of r.refusals) {
      const g = r.grids[f.grid]!;
      refusals.push({
        communityId: c.communityId,
        communityCode: community.code,
        communityName: community.name,
        gridCode: g.todayGridId == null ? null : (c.todayGrids.get(g.todayGridId)?.code ?? null),
        households: f.households,
        refusal: f.refusal,
      });
    }
  };

  /**
   * One community divided and drawn. A drawn grid in pieces with addresses in more than one (neighbours
   * whose cells touch only outside the area) is divided again without those links, up to REDIVISIONS times.
   * The first division runs before the first await, so it overlaps the shapes of the communities before it.
   */
  const divide = async (c: LoadedCommunity) => {
    const community = meta.get(c.communityId)!;
    const where = new Map(c.addresses.map((a) => [a.id, [a.lon, a.lat] as [number, number]]));
    const apart: Separation[] = [];
    for (let round = 0; ; round++) {
      // Each community its own stream, so that one community's result does not depend on the others'.
      const rng = createRng(hashString(`${params.seed}:${community.code}`));
      const r = rebalanceCommunity({ ...c, range: limits, keepDedicated: params.keepDedicated, apart }, rng);
      const drawn = await drawShapes(db, {
        communityId: c.communityId,
        changedGridIds: r.todayGrids.flatMap((g) => (g.unchanged || g.id == null ? [] : [g.id])),
        cells: r.grids.map((g, k) => ({ grid: k, cells: g.cells, sites: g.cells.length > 0 ? g.addressIds.map((id) => where.get(id)!) : [] })),
      });
      const found = [...drawn].flatMap(([k, shape]) =>
        strayParts(r.grids[k]!.addressIds.map((id) => ({ id, p: where.get(id)! })), shape.geometry.coordinates as [number, number][][][]),
      );
      if (found.length === 0 || round === REDIVISIONS) return { r, drawn };
      apart.push(...found);
    }
  };

  // The division of the next community runs here while the database draws the shapes of the previous
  // ones (at most SHAPES_IN_FLIGHT at once): the two halves of the work overlap.
  const pending: Promise<void>[] = [];
  let done = 0;
  for (const c of communities) {
    const divided = divide(c);
    const previous = pending.at(-1) ?? Promise.resolve();
    // Collected in order, after the community before it.
    const step = Promise.all([divided, previous]).then(async ([{ r, drawn }]) => {
      collect(c, r, drawn);
      await onProgress(++done, communities.length);
    });
    // Awaited below; marked handled now, so a failure while the loop waits is not an unhandled rejection.
    step.catch(() => undefined);
    pending.push(step);
    if (pending.length >= SHAPES_IN_FLIGHT) await pending.shift();
    // Let other requests in between communities.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(pending);
  return {
    figures: scenarioFigures(today, scenario, moved, limits, staffingRule(pricing)),
    pricing,
    grids,
    refusals,
    addresses,
    durationMs: Math.round(performance.now() - started),
  };
}
