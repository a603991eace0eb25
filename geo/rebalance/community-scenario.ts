/**
 * One community's re-division from its standard addresses and today's grids, in lon/lat in and out:
 * the address units and their adjacency (no edge across a barrier), the warm-start rebalance, the
 * proposed grids' shapes and compactness, and the tallies the figures are made of. Communities are
 * independent (grids stay inside their community), so a scenario runs them one after another, or apart.
 *
 * Shapes: a grid whose addresses are exactly today's keeps today's geometry; the others share the area
 * of today's grids that changed, each unit's Voronoi cell clipped to that area and unioned per grid, so
 * the proposed grids tile the community as today's do. The cells are drawn here, in the local metres the
 * adjacency is worked in (an equirectangular frame, well under 0.1% over a community), so neighbouring
 * units share a cell edge; the overlay with the area is GEOS's work (server/planner/shapes.ts).
 */
import type { XY } from '../planar/polygon';
import type { Rng } from '../random/prng';
import { addressUnits, unlink } from './address-graph';
import type { Separation } from './drawn-parts';
import { cutEdges } from './figures';
import { voronoiCells } from '../partition/voronoi-cells';
import { rebalance, type GridRefusal } from './rebalance';
import type { HouseholdRange } from './tree-split';

export interface CommunityInput {
  addresses: readonly { id: number; lon: number; lat: number; households: number; residents: number; /** Today's grid (an id of `grids`), null if none covers it. */ grid: number | null }[];
  grids: readonly { id: number; dedicated: boolean }[];
  /** Where the community is (any point of it): the origin of the local frame. */
  origin: [number, number];
  /** Lines grids should not cross (lon/lat). */
  barriers?: readonly (readonly [number, number][])[];
  range: HouseholdRange;
  keepDedicated: boolean;
  /** Addresses found not to be neighbours after all (from the shapes of an earlier division: drawn-parts.ts). */
  apart?: readonly Separation[];
}

export interface ProposedGrid {
  /** Today's grid this one carries on (the same id, most of its households), null for a new grid. */
  todayGridId: number | null;
  /** Exactly today's grid, shape included. */
  unchanged: boolean;
  kept: boolean;
  dedicated: boolean;
  addressIds: number[];
  households: number;
  residents: number;
  inRange: boolean;
  /**
   * Its units' Voronoi cells among the units of the changed grids (lon/lat rings; empty when unchanged):
   * clipped to the area of today's changed grids and unioned, they make its shape.
   */
  cells: [number, number][][];
}

export interface TodayGridTally {
  /** null for the community's area when it has no grids today. */
  id: number | null;
  households: number;
  residents: number;
  dedicated: boolean;
  /** Carried on with exactly its addresses (and so its shape). */
  unchanged: boolean;
}

export interface CommunityRefusal {
  /** Index into `grids` of the result. */
  grid: number;
  households: number;
  refusal: GridRefusal;
}

export interface CommunityScenario {
  grids: ProposedGrid[];
  todayGrids: TodayGridTally[];
  refusals: CommunityRefusal[];
  todayCutEdges: number;
  cutEdges: number;
  movedAddresses: number;
  movedHouseholds: number;
  totalHouseholds: number;
}

/** How far past the outermost address a cell reaches (m): beyond any grid's reach past its addresses. */
const CELL_REACH_M = 5_000;

/** Metres per degree at the community's latitude (WGS 84 mean radius is plenty at this size). */
function localFrame(lon0: number, lat0: number) {
  const my = 111_320;
  const mx = my * Math.cos((lat0 * Math.PI) / 180);
  return {
    to: (lon: number, lat: number): XY => [(lon - lon0) * mx, (lat - lat0) * my],
    from: ([x, y]: XY): [number, number] => [lon0 + x / mx, lat0 + y / my],
  };
}

export function rebalanceCommunity(input: CommunityInput, rng: Rng): CommunityScenario {
  const frame = localFrame(input.origin[0], input.origin[1]);

  // Today's grids as indexes 0..n-1; a community with none today is one area of its own (index 0, no id).
  const todayGrids: { id: number | null; dedicated: boolean }[] = input.grids.length > 0 ? [...input.grids] : [{ id: null, dedicated: false }];
  const indexOf = new Map(todayGrids.map((g, i) => [g.id, i]));
  const units = addressUnits(
    input.addresses.map((a) => ({ p: frame.to(a.lon, a.lat), households: a.households })),
    (input.barriers ?? []).map((line) => line.map(([x, y]) => frame.to(x, y))),
  );
  const unitOfAddress = new Map(input.addresses.map((a, i) => [a.id, units.unitOf[i]!]));
  const unitsOf = (ids: readonly number[]) => new Set(ids.map((id) => unitOfAddress.get(id)!));
  for (const s of input.apart ?? []) unlink(units.graph.neighbours, unitsOf(s.apart), unitsOf(s.from));
  // A unit's today grid is that of its first address (the addresses at one point lie in one grid).
  const today: number[] = units.points.map(() => 0);
  const residentsOfUnit: number[] = units.points.map(() => 0);
  const addressesOfUnit: number[][] = units.points.map(() => []);
  input.addresses.forEach((a, i) => {
    const u = units.unitOf[i]!;
    if (addressesOfUnit[u]!.length === 0) today[u] = a.grid == null ? 0 : (indexOf.get(a.grid) ?? 0);
    addressesOfUnit[u]!.push(a.id);
    residentsOfUnit[u]! += a.residents;
  });
  const keep = new Set(input.keepDedicated ? todayGrids.flatMap((g, i) => (g.dedicated ? [i] : [])) : []);
  // The residents count against the range's maximum of them, if it has one.
  const graph = { ...units.graph, residents: residentsOfUnit };
  const result = rebalance({ graph, today, range: input.range, keep, gridCount: todayGrids.length }, rng);

  // Which grids are exactly today's; the others share the area of the today grids that changed.
  const todayMembers = new Map<number, number[]>();
  today.forEach((g, u) => {
    const list = todayMembers.get(g);
    if (list) list.push(u);
    else todayMembers.set(g, [u]);
  });
  // Today's members are in ascending order; a grid's units are compared in the same order.
  const sameUnits = (a: readonly number[], b: readonly number[] | undefined) =>
    !!b && a.length === b.length && [...a].sort((x, y) => x - y).every((u, i) => u === b[i]);
  const unchanged = new Set(result.grids.filter((g) => g.id < todayGrids.length && sameUnits(g.units, todayMembers.get(g.id))).map((g) => g.id));
  // A kept grid with no address (a school's grounds) has no units to carry it: it stays as it is all the same.
  const emptyKept = [...keep].filter((i) => !todayMembers.has(i));
  for (const i of emptyKept) unchanged.add(i);

  // The cells of the units that change grid or share an area with those that do, reaching well past
  // the units (the area of the changed grids may reach further than its addresses).
  const moving = result.gridOf.flatMap((g, u) => (unchanged.has(g) ? [] : [u]));
  const cellOf = new Map<number, [number, number][]>();
  if (moving.length > 0) {
    const sites = moving.map((u) => units.points[u]!);
    const xs = sites.map((p) => p[0]);
    const ys = sites.map((p) => p[1]);
    const box = { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
    const cells = voronoiCells(sites, box, CELL_REACH_M + Math.max(box.maxX - box.minX, box.maxY - box.minY));
    cells.forEach((ring, i) => ring && cellOf.set(moving[i]!, ring.map(frame.from)));
  }

  const grids: ProposedGrid[] = [];
  const gridIndex = new Map<number, number>();
  for (const g of result.grids) {
    if (g.units.length === 0) continue;
    const carried = g.id < todayGrids.length ? todayGrids[g.id]! : null;
    gridIndex.set(g.id, grids.length);
    grids.push({
      todayGridId: carried?.id ?? null,
      unchanged: unchanged.has(g.id),
      kept: g.kept,
      dedicated: g.kept && !!carried?.dedicated,
      addressIds: g.units.flatMap((u) => addressesOfUnit[u]!),
      households: g.households,
      residents: g.units.reduce((s, u) => s + residentsOfUnit[u]!, 0),
      inRange: g.inRange,
      cells: unchanged.has(g.id) ? [] : g.units.flatMap((u) => (cellOf.has(u) ? [cellOf.get(u)!] : [])),
    });
  }
  for (const i of emptyKept) {
    const g = todayGrids[i]!;
    grids.push({ todayGridId: g.id, unchanged: true, kept: true, dedicated: g.dedicated, addressIds: [], households: 0, residents: 0, inRange: false, cells: [] });
  }
  let movedAddresses = 0;
  result.gridOf.forEach((g, u) => (movedAddresses += g === today[u] ? 0 : addressesOfUnit[u]!.length));
  return {
    grids,
    todayGrids: todayGrids.map((g, i) => {
      const members = todayMembers.get(i) ?? [];
      return {
        id: g.id,
        households: members.reduce((s, u) => s + units.graph.households[u]!, 0),
        residents: members.reduce((s, u) => s + residentsOfUnit[u]!, 0),
        dedicated: g.dedicated,
        unchanged: unchanged.has(i),
      };
    }),
    refusals: result.refusals.flatMap((r) => (gridIndex.has(r.grid) ? [{ grid: gridIndex.get(r.grid)!, households: grids[gridIndex.get(r.grid)!]!.households, refusal: r.refusal }] : [])),
    todayCutEdges: cutEdges(units.graph, today),
    cutEdges: cutEdges(units.graph, result.gridOf),
    movedAddresses,
    movedHouseholds: result.movedHouseholds,
    totalHouseholds: units.graph.households.reduce((s, h) => s + h, 0),
  };
}
