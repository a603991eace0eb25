/**
 * Assessment (考核评估) of a period, grouped by grid, street, district, department or handling worker:
 * cases, closure rate, on-time rate, average time per stage, the re-opened share, and for workers their
 * patrol coverage. Counted from the cases reported in the period and in the caller's incidents scope.
 *
 * Definitions (one place): a case counts once accepted or later (a report not accepted is no case of the
 * area's work, but is counted apart); closed = closed or evaluated; on time = handled by its time limit,
 * of those handled with one; the time of a stage runs from the state that starts it to the one that ends
 * it (立案 reported→accepted, 派遣 accepted→dispatched, 处置 dispatched→handled, 核查 handled→verified,
 * 结案 verified→closed), averaged over the cases that went through it.
 */
import { csvDocument } from '@/geo/text/csv';
import { localized, type LocalizedText } from '@/geo/text/localized-text';
import type { Scope } from '../auth/policy';
import type { Executor } from '../db';
import { assignmentsInForce, gridsInForce } from '../data/grids';
import { readSettings } from '../settings';
import { FieldError } from '../field/errors';
import { incidentScopeSql, scopeParams } from './view';

export const ASSESSMENT_GROUPS = ['grid', 'street', 'district', 'department', 'worker'] as const;
export type AssessmentGroup = (typeof ASSESSMENT_GROUPS)[number];

export interface AssessmentRow {
  key: string;
  name: LocalizedText;
  reported: number;
  notAccepted: number;
  cases: number;
  closed: number;
  closureRate: number | null;
  handledWithLimit: number;
  onTime: number;
  onTimeRate: number | null;
  /** Average hours per stage (null when no case went through it). */
  hours: { accept: number | null; dispatch: number | null; handle: number | null; verify: number | null; close: number | null };
  reopened: number;
  reopenedShare: number | null;
  /** Workers only: the share of their grids' addresses their track passed in the period. */
  coverage: number | null;
}

/** The expression each grouping groups the cases by. */
const GROUP_KEY: Readonly<Record<AssessmentGroup, string>> = {
  grid: 'i.grid_code',
  street: 'substr(i.grid_code, 1, 9)',
  district: 'substr(i.grid_code, 1, 6)',
  department: 'i.department_code',
  // The worker who handled the case last (its latest assignment).
  worker: `(SELECT a.worker_id::text FROM incident_assignment a WHERE a.incident_id = i.id AND a.worker_id IS NOT NULL ORDER BY a.id DESC LIMIT 1)`,
};

const NAMES: Readonly<Record<AssessmentGroup, string>> = {
  grid: `SELECT g.code AS key, g.name AS zh, g.name AS en FROM ${gridsInForce('$1')} g WHERE g.code = ANY ($2::text[])
         UNION ALL SELECT DISTINCT ON (code) code, name, name FROM grid WHERE code = ANY ($2::text[]) AND NOT EXISTS (SELECT 1 FROM ${gridsInForce('$1')} f WHERE f.code = grid.code)`,
  street: 'SELECT code AS key, name AS zh, name AS en FROM street WHERE code = ANY ($2::text[]) AND $1::timestamptz IS NOT NULL',
  district: 'SELECT code AS key, name AS zh, name AS en FROM district WHERE code = ANY ($2::text[]) AND $1::timestamptz IS NOT NULL',
  department: 'SELECT code AS key, name_zh AS zh, name_en AS en FROM department WHERE code = ANY ($2::text[]) AND $1::timestamptz IS NOT NULL',
  worker: 'SELECT id::text AS key, name AS zh, name AS en FROM grid_worker WHERE id::text = ANY ($2::text[]) AND $1::timestamptz IS NOT NULL',
};

const MAX_PERIOD_DAYS = 366;
const hours = (a: string, b: string) => `avg(extract(epoch FROM (${b} - ${a})) / 3600.0) FILTER (WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL AND ${b} >= ${a})`;

export interface AssessmentQuery {
  groupBy: AssessmentGroup;
  from: Date;
  to: Date;
  /** Only cases under this area code. */
  areaCode?: string;
}

export async function assessment(db: Executor, scope: Scope, q: AssessmentQuery): Promise<AssessmentRow[]> {
  if (!(q.from < q.to) || q.to.getTime() - q.from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw new FieldError('PERIOD_INVALID');
  const [patterns, workers] = scopeParams(scope);
  const rows = await db.query<{
    key: string | null; reported: number; not_accepted: number; cases: number; closed: number; handled_with_limit: number; on_time: number; reopened: number;
    h_accept: number | null; h_dispatch: number | null; h_handle: number | null; h_verify: number | null; h_close: number | null;
  }>(
    `SELECT ${GROUP_KEY[q.groupBy]} AS key,
            count(*)::int AS reported,
            count(*) FILTER (WHERE i.status = 'rejected')::int AS not_accepted,
            count(*) FILTER (WHERE i.status <> 'rejected' AND i.status <> 'reported')::int AS cases,
            count(*) FILTER (WHERE i.status IN ('closed', 'evaluated'))::int AS closed,
            count(*) FILTER (WHERE i.handled_at IS NOT NULL AND i.due_at IS NOT NULL)::int AS handled_with_limit,
            count(*) FILTER (WHERE i.handled_at IS NOT NULL AND i.due_at IS NOT NULL AND i.handled_at <= i.due_at)::int AS on_time,
            count(*) FILTER (WHERE i.reopened_count > 0)::int AS reopened,
            ${hours('i.reported_at', 'i.accepted_at')} AS h_accept,
            ${hours('i.accepted_at', 'i.dispatched_at')} AS h_dispatch,
            ${hours('i.dispatched_at', 'i.handled_at')} AS h_handle,
            ${hours('i.handled_at', 'i.verified_at')} AS h_verify,
            ${hours('i.verified_at', 'i.closed_at')} AS h_close
       FROM incident i
      WHERE i.reported_at >= $1 AND i.reported_at < $2 AND ${incidentScopeSql('i', '$3', '$4')}
        AND ($5::text IS NULL OR i.grid_code LIKE $5::text || '%')
      GROUP BY 1 HAVING ${GROUP_KEY[q.groupBy]} IS NOT NULL
      ORDER BY 1`,
    [q.from, q.to, patterns, workers, q.areaCode ?? null],
  );
  const keys = rows.map((r) => r.key!);
  const names = new Map(
    (await db.query<{ key: string; zh: string; en: string }>(NAMES[q.groupBy], [q.to, keys])).map((n) => [n.key, localized(n.zh, n.en)]),
  );
  const coverage = q.groupBy === 'worker' ? await workerCoverage(db, keys.map(Number), q.from, q.to) : new Map<number, number | null>();
  const rate = (n: number, d: number) => (d > 0 ? n / d : null);
  const round = (h: number | null) => (h === null ? null : Math.round(h * 100) / 100);
  return rows.map((r) => ({
    key: r.key!,
    name: names.get(r.key!) ?? localized(r.key!, r.key!),
    reported: r.reported,
    notAccepted: r.not_accepted,
    cases: r.cases,
    closed: r.closed,
    closureRate: rate(r.closed, r.cases),
    handledWithLimit: r.handled_with_limit,
    onTime: r.on_time,
    onTimeRate: rate(r.on_time, r.handled_with_limit),
    hours: { accept: round(r.h_accept), dispatch: round(r.h_dispatch), handle: round(r.h_handle), verify: round(r.h_verify), close: round(r.h_close) },
    reopened: r.reopened,
    reopenedShare: rate(r.reopened, r.cases),
    coverage: q.groupBy === 'worker' ? (coverage.get(Number(r.key)) ?? null) : null,
  }));
}

/** Patrol coverage of many workers over a period, in one statement (at most 31 days of positions). */
async function workerCoverage(db: Executor, workerIds: number[], from: Date, to: Date): Promise<Map<number, number | null>> {
  if (workerIds.length === 0) return new Map();
  const start = new Date(Math.max(from.getTime(), to.getTime() - 31 * 86_400_000));
  const { fieldWork } = await readSettings(db);
  const rows = await db.query<{ worker_id: number; addresses: number; passed: number }>(
    `WITH tracks AS (
       SELECT worker_id, CASE WHEN count(*) > 1 THEN ST_MakeLine(geom ORDER BY at) ELSE ST_Collect(geom) END AS line
         FROM worker_position WHERE worker_id = ANY ($1::int[]) AND at >= $2 AND at < $3 GROUP BY worker_id),
     mine AS (
       SELECT DISTINCT ga.worker_id, a.id, a.geom
         FROM ${assignmentsInForce('$3')} ga JOIN ${gridsInForce('$3')} g ON g.code = ga.grid_code
         JOIN standard_address a ON a.geom && g.geom AND ST_Intersects(g.geom, a.geom)
        WHERE ga.worker_id = ANY ($1::int[]))
     SELECT m.worker_id, count(*)::int AS addresses,
            count(*) FILTER (WHERE t.line IS NOT NULL AND ST_DWithin(m.geom::geography, t.line::geography, $4::float8))::int AS passed
       FROM mine m LEFT JOIN tracks t ON t.worker_id = m.worker_id
      GROUP BY m.worker_id`,
    [workerIds, start, to, fieldWork.coverageDistanceM],
  );
  return new Map(rows.map((r) => [r.worker_id, r.addresses > 0 ? r.passed / r.addresses : null]));
}

/** The rows as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese names). */
export function assessmentCsv(rows: readonly AssessmentRow[], locale: 'zh-CN' | 'en'): string {
  const zh = locale !== 'en';
  const header = zh
    ? ['编码', '名称', '上报', '不予立案', '立案', '结案', '结案率', '有时限处置', '按时处置', '按时率', '立案时长(小时)', '派遣时长(小时)', '处置时长(小时)', '核查时长(小时)', '结案时长(小时)', '返工', '返工率', '巡查覆盖率']
    : ['code', 'name', 'reported', 'not accepted', 'cases', 'closed', 'closure rate', 'handled with limit', 'on time', 'on-time rate', 'accept hours', 'dispatch hours', 'handle hours', 'verify hours', 'close hours', 're-opened', 're-opened share', 'patrol coverage'];
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 100);
  const lines = rows.map((r) => [
    r.key, zh ? r.name['zh-CN'] : r.name.en, r.reported, r.notAccepted, r.cases, r.closed, pct(r.closureRate), r.handledWithLimit, r.onTime, pct(r.onTimeRate),
    r.hours.accept, r.hours.dispatch, r.hours.handle, r.hours.verify, r.hours.close, r.reopened, pct(r.reopenedShare), pct(r.coverage),
  ]);
  return csvDocument(header, lines);
}
