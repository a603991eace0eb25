import { describe, expect, it } from 'vitest';
import type { StaffingRule } from '../rebalance/figures';
import { gridStaffingStatus, staffingCompliance, type GridStaffing, type WorkerStaffing } from './compliance';

const RULE: StaffingRule = Object.freeze({ fullTimePerGrid: 1, partTimePerGrid: 0.5, fullTimeMonthlyFen: 450_000, partTimeMonthlyFen: 80_000 });
const path = (street: string, community: string) => ({
  district: { code: '320102', name: '玄武区' },
  street: { code: street, name: `街道${street}` },
  community: { code: community, name: `社区${community}` },
});
const grid = (code: string, kind: GridStaffing['kind'], fullTime: number, partTime: number): GridStaffing =>
  Object.freeze({ ...path(code.slice(0, 9), code.slice(0, 12)), code, name: `网格${code}`, kind, fullTime, partTime });
const worker = (id: number, community: string, employment: WorkerStaffing['employment'], grids: number): WorkerStaffing =>
  Object.freeze({ ...path(community.slice(0, 9), community), id, employment, grids });

const GRIDS = Object.freeze([
  grid('320102008001001', 'comprehensive', 1, 1), // ok
  grid('320102008001002', 'comprehensive', 0, 1), // no full-time worker
  grid('320102008001003', 'comprehensive', 0, 0), // vacant
  grid('320102008002001', 'comprehensive', 1, 0), // ok (held by the same worker as ...001)
  grid('320102008002002', 'dedicated', 0, 0), // a school: its unit staffs it
  grid('320102003001001', 'comprehensive', 1, 0),
]);
const WORKERS = Object.freeze([
  worker(1, '320102008001', 'full_time', 2),
  worker(2, '320102008001', 'part_time', 2),
  worker(3, '320102003001', 'full_time', 1),
  // In post but holding nothing: counted in the headcount, a vacancy is still a vacancy.
  worker(4, '320102008002', 'part_time', 0),
]);

describe('gridStaffingStatus', () => {
  it('tells vacant, no full-time worker, ok, and dedicated grids apart', () => {
    expect(GRIDS.map(gridStaffingStatus)).toEqual(['ok', 'no_full_time', 'vacant', 'ok', 'dedicated', 'ok']);
  });
});

describe('staffingCompliance', () => {
  it('counts the defects and the headcount per street, with the subsidy priced as the planner prices it', () => {
    const rows = staffingCompliance('street', GRIDS, WORKERS, RULE);
    expect(rows.map((r) => r.code)).toEqual(['320102003', '320102008']);
    const hongshan = rows[1]!;
    expect(hongshan).toMatchObject({
      comprehensiveGrids: 4,
      dedicatedGrids: 1,
      gridsWithoutFullTime: 2,
      vacancies: 1,
      staffingRate: 0.5,
      workers: 3,
      fullTime: 1,
      partTime: 2,
      multiGridWorkers: 2,
      ruleFullTime: 4,
      rulePartTime: 2,
      status: null,
    });
    expect(hongshan.partTimeShare).toBeCloseTo(2 / 3, 12);
    expect(hongshan.annualSubsidyFen).toBe(12 * (450_000 + 2 * 80_000));
    expect(hongshan.ruleAnnualSubsidyFen).toBe(12 * (4 * 450_000 + 2 * 80_000));
  });

  it('adds up the same at every level', () => {
    const total = (level: 'district' | 'street' | 'community') =>
      staffingCompliance(level, GRIDS, WORKERS, RULE).reduce((s, r) => [s[0]! + r.vacancies, s[1]! + r.gridsWithoutFullTime, s[2]! + r.workers, s[3]! + r.multiGridWorkers], [0, 0, 0, 0]);
    expect(total('district')).toEqual([1, 2, 4, 2]);
    expect(total('street')).toEqual(total('district'));
    expect(total('community')).toEqual(total('district'));
  });

  it("gives each grid its own status and holders at the grid level", () => {
    const rows = staffingCompliance('grid', GRIDS, WORKERS, RULE);
    expect(rows.map((r) => [r.code, r.status, r.workers])).toEqual([
      ['320102003001001', 'ok', 1],
      ['320102008001001', 'ok', 2],
      ['320102008001002', 'no_full_time', 1],
      ['320102008001003', 'vacant', 0],
      ['320102008002001', 'ok', 1],
      ['320102008002002', 'dedicated', 0],
    ]);
  });

  it('has nothing to count in an empty area: a full staffing rate, no share', () => {
    expect(staffingCompliance('street', [], [], RULE)).toEqual([]);
    const [only] = staffingCompliance('street', [grid('320102008002002', 'dedicated', 0, 0)], [], RULE);
    expect(only).toMatchObject({ staffingRate: 1, partTimeShare: 0, annualSubsidyFen: 0, ruleAnnualSubsidyFen: 0 });
  });
});
