/**
 * Staffing compliance (队伍配备达标) of grids and areas at one moment, from the grids in force with their
 * workers in post and the workers in post with the grids they hold. The one home of what counts as a
 * defect, for the table, the map's colours and the figures alike. Pure.
 *
 * - A comprehensive grid needs one full-time worker (DOMAIN.md): without one it is "no full-time worker";
 *   with no worker at all it is also a vacancy (空岗). Dedicated grids are staffed by their unit (the
 *   planner leaves them out of the headcount too): they count as grids, never as defects.
 * - Workers are counted where their record belongs (their community), grids where they lie; a worker
 *   holding two or more grids (一人多格) is counted once, in their own area, whichever grids those are.
 * - Headcount and subsidy: the workers in post priced with the planner's monthly subsidies, beside what
 *   the planner's staffing rule asks for today's comprehensive grids; both by geo/rebalance/figures.ts.
 */
import { annualSubsidyFen, ruleHeadcount, type StaffingRule } from '../rebalance/figures';

export type StaffingLevel = 'district' | 'street' | 'community' | 'grid';

export interface AreaPath {
  district: { code: string; name: string };
  street: { code: string; name: string };
  community: { code: string; name: string };
}

export interface GridStaffing extends AreaPath {
  code: string;
  name: string;
  kind: 'comprehensive' | 'dedicated';
  /** Workers in post holding the grid, of each employment. */
  fullTime: number;
  partTime: number;
}

export interface WorkerStaffing extends AreaPath {
  id: number;
  employment: 'full_time' | 'part_time';
  /** Grids in force the worker holds. */
  grids: number;
}

export type GridStaffingStatus = 'vacant' | 'no_full_time' | 'ok' | 'dedicated';

export function gridStaffingStatus(g: Pick<GridStaffing, 'kind' | 'fullTime' | 'partTime'>): GridStaffingStatus {
  if (g.kind === 'dedicated') return 'dedicated';
  if (g.fullTime + g.partTime === 0) return 'vacant';
  return g.fullTime === 0 ? 'no_full_time' : 'ok';
}

export interface ComplianceRow {
  code: string;
  name: string;
  comprehensiveGrids: number;
  dedicatedGrids: number;
  /** Comprehensive grids without a full-time worker in post (vacancies included). */
  gridsWithoutFullTime: number;
  /** Comprehensive grids with no worker in post at all. */
  vacancies: number;
  /** Comprehensive grids with a full-time worker over all of them (1 when there are none). */
  staffingRate: number;
  workers: number;
  fullTime: number;
  partTime: number;
  /** Part-time workers over all workers in post (0 when there are none). */
  partTimeShare: number;
  /** Workers holding two or more grids. */
  multiGridWorkers: number;
  /** The workers in post, priced: a year's subsidy in fen. */
  annualSubsidyFen: number;
  /** What the staffing rule asks for the comprehensive grids, and its year's subsidy in fen. */
  ruleFullTime: number;
  rulePartTime: number;
  ruleAnnualSubsidyFen: number;
  /** A grid row's own status (null for areas). */
  status: GridStaffingStatus | null;
}

const keyOf = (level: StaffingLevel, x: AreaPath & { code?: string; name?: string }): { code: string; name: string } =>
  level === 'grid' ? { code: x.code!, name: x.name! } : x[level];

function emptyRow(code: string, name: string): ComplianceRow {
  return {
    code, name, comprehensiveGrids: 0, dedicatedGrids: 0, gridsWithoutFullTime: 0, vacancies: 0, staffingRate: 1,
    workers: 0, fullTime: 0, partTime: 0, partTimeShare: 0, multiGridWorkers: 0,
    annualSubsidyFen: 0, ruleFullTime: 0, rulePartTime: 0, ruleAnnualSubsidyFen: 0, status: null,
  };
}

/** The compliance rows at `level`, ordered by code. At the grid level, workers are not attributed (a grid has none of its own). */
export function staffingCompliance(level: StaffingLevel, grids: readonly GridStaffing[], workers: readonly WorkerStaffing[], rule: StaffingRule): ComplianceRow[] {
  const rows = new Map<string, ComplianceRow>();
  const rowOf = (k: { code: string; name: string }) => rows.get(k.code) ?? rows.set(k.code, emptyRow(k.code, k.name)).get(k.code)!;
  for (const g of grids) {
    const row = rowOf(keyOf(level, g));
    const status = gridStaffingStatus(g);
    if (level === 'grid') {
      row.status = status;
      row.fullTime = g.fullTime;
      row.partTime = g.partTime;
      row.workers = g.fullTime + g.partTime;
    }
    if (status === 'dedicated') {
      row.dedicatedGrids++;
      continue;
    }
    row.comprehensiveGrids++;
    if (status !== 'ok') row.gridsWithoutFullTime++;
    if (status === 'vacant') row.vacancies++;
  }
  if (level !== 'grid') {
    for (const w of workers) {
      const row = rowOf(keyOf(level, w));
      row.workers++;
      if (w.employment === 'full_time') row.fullTime++;
      else row.partTime++;
      if (w.grids >= 2) row.multiGridWorkers++;
    }
  }
  for (const row of rows.values()) {
    row.staffingRate = row.comprehensiveGrids === 0 ? 1 : (row.comprehensiveGrids - row.gridsWithoutFullTime) / row.comprehensiveGrids;
    row.partTimeShare = row.workers === 0 ? 0 : row.partTime / row.workers;
    row.annualSubsidyFen = annualSubsidyFen(row.fullTime, row.partTime, rule);
    const need = ruleHeadcount(row.comprehensiveGrids, rule);
    row.ruleFullTime = need.fullTime;
    row.rulePartTime = need.partTime;
    row.ruleAnnualSubsidyFen = annualSubsidyFen(need.fullTime, need.partTime, rule);
  }
  return [...rows.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** All of `grids` and `workers` as one row (code '*'): the figures of the whole selection, workers counted once. */
export function staffingTotal(grids: readonly GridStaffing[], workers: readonly WorkerStaffing[], rule: StaffingRule): ComplianceRow {
  const all = { code: '*', name: '' };
  const [total] = staffingCompliance('district', grids.map((g) => ({ ...g, district: all })), workers.map((w) => ({ ...w, district: all })), rule);
  return total ?? emptyRow(all.code, all.name);
}
