/**
 * Staffing compliance and the cost of today's staffing, per district, street, community or grid, at a
 * moment, within the caller's 'staffing' scope. The counting is geo/staffing/compliance.ts; the pricing
 * is the planner's (settings' staffing_pricing through server/planner/compute.ts staffingRule), so the
 * subsidy here and a scenario's "today" are the same figure for the same grids.
 */
import { gridStaffingStatus, staffingCompliance, staffingTotal, type ComplianceRow, type GridStaffingStatus, type StaffingLevel } from '@/geo/staffing/compliance';
import type { Executor } from '../db';
import { scopePatterns, type Scope } from '../auth/policy';
import { gridStaffing, workerStaffing } from '../data/staffing';
import { streetById } from '../data/territory';
import type { CodePatterns } from '../data/sql';
import { staffingRule } from '../planner/compute';
import { readSettings, type StaffingPricing } from '../settings';

export interface ComplianceQuery {
  level: StaffingLevel;
  /** Narrow to the areas under this code (a district, street or community); outside the scope it matches nothing. */
  withinCode?: string | null;
}

export interface ComplianceReport {
  at: Date;
  level: StaffingLevel;
  rows: ComplianceRow[];
  /** All rows added up (the grid level: the grids' figures; workers counted once). */
  total: ComplianceRow;
  pricing: StaffingPricing;
}

/** The scope's code patterns narrowed to `withinCode` (codes nest, so a prefix inside the scope, or a scope prefix inside it). */
function narrowed(scope: Scope, withinCode: string | null | undefined): CodePatterns {
  const patterns = scopePatterns(scope);
  if (!withinCode) return patterns;
  if (patterns === null) return [`${withinCode}%`];
  const prefixes = scope.all ? [] : scope.prefixes;
  const inside = prefixes.filter((p) => p.startsWith(withinCode)).map((p) => `${p}%`);
  return prefixes.some((p) => withinCode.startsWith(p)) ? [`${withinCode}%`] : inside;
}

export async function complianceReport(db: Executor, scope: Scope, query: ComplianceQuery, at: Date): Promise<ComplianceReport> {
  const within = narrowed(scope, query.withinCode);
  const { pricing } = await readSettings(db);
  const rule = staffingRule(pricing);
  // An empty list of patterns matches nothing (LIKE ANY of none), which is what a code outside the scope should give.
  const [grids, workers] = [await gridStaffing(db, at, within), await workerStaffing(db, at, within)];
  return { at, level: query.level, rows: staffingCompliance(query.level, grids, workers, rule), total: staffingTotal(grids, workers, rule), pricing };
}

export interface StreetGridStaffing {
  code: string;
  name: string;
  status: GridStaffingStatus;
  fullTime: number;
  partTime: number;
}

/**
 * The grids in force of one street with their staffing status: the map colours the grids' tiles by it
 * (app/staffing), the assignment form lists them. The policy checks the street.
 */
export async function streetGridStaffing(db: Executor, streetId: number, at: Date): Promise<StreetGridStaffing[]> {
  const street = await streetById(db, streetId);
  if (!street) return [];
  return (await gridStaffing(db, at, [`${street.code}%`])).map((g) => ({ code: g.code, name: g.name, status: gridStaffingStatus(g), fullTime: g.fullTime, partTime: g.partTime }));
}
