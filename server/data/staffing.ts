/**
 * Staffing's query home: workers' stages at t (the SQL function worker_stages_at, migration 0023), the
 * grids in force with the workers in post holding them, and the workers in post with the grids they hold.
 */
import type { GridStaffing, WorkerStaffing } from '@/geo/staffing/compliance';
import { IN_POST_STAGES, type WorkerStage } from '@/geo/staffing/worker-stages';
import type { Executor } from '../db';
import { assignmentsInForce, gridsInForce } from './grids';
import { codeMatchesSql, literalList, type CodePatterns } from './sql';

/** SQL: every worker's stage at the moment bound at `param` (worker_id, stage, since). */
export const workerStagesAt = (param: string) => `worker_stages_at(${param}::timestamptz)`;

const IN_POST = literalList(IN_POST_STAGES);

/** The area path columns of a community aliased `c` (joined to its street `s` and district `d`). */
const AREA_COLUMNS = `c.code AS community_code, c.name AS community_name, s.code AS street_code, s.name AS street_name,
                      d.code AS district_code, d.name AS district_name`;
type AreaColumns = { community_code: string; community_name: string; street_code: string; street_name: string; district_code: string; district_name: string };
const areaPath = (r: AreaColumns) => ({
  district: { code: r.district_code, name: r.district_name },
  street: { code: r.street_code, name: r.street_name },
  community: { code: r.community_code, name: r.community_name },
});

/** The grids in force at `at` whose codes match `within`, with the workers in post holding each. */
export async function gridStaffing(db: Executor, at: Date, within: CodePatterns): Promise<GridStaffing[]> {
  const rows = await db.query<AreaColumns & { code: string; name: string; kind: 'comprehensive' | 'dedicated'; full_time: number; part_time: number }>(
    `WITH held AS (
       SELECT a.grid_code,
              count(*) FILTER (WHERE w.employment = 'full_time')::int AS full_time,
              count(*) FILTER (WHERE w.employment = 'part_time')::int AS part_time
         FROM ${assignmentsInForce('$1')} a
         JOIN grid_worker w ON w.id = a.worker_id
         JOIN ${workerStagesAt('$1')} st ON st.worker_id = w.id AND st.stage IN (${IN_POST})
        GROUP BY a.grid_code)
     SELECT g.code, g.name, g.kind, ${AREA_COLUMNS}, coalesce(h.full_time, 0) AS full_time, coalesce(h.part_time, 0) AS part_time
       FROM ${gridsInForce('$1')} g
       JOIN community c ON c.id = g.community_id JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
       LEFT JOIN held h ON h.grid_code = g.code
      WHERE ${codeMatchesSql('g.code', '$2')}
      ORDER BY g.code`,
    [at, within],
  );
  return rows.map((r) => ({ ...areaPath(r), code: r.code, name: r.name, kind: r.kind, fullTime: r.full_time, partTime: r.part_time }));
}

/** The workers in post at `at` whose community matches `within`, with how many grids in force each holds. */
export async function workerStaffing(db: Executor, at: Date, within: CodePatterns): Promise<WorkerStaffing[]> {
  const rows = await db.query<AreaColumns & { id: number; employment: 'full_time' | 'part_time'; grids: number }>(
    `WITH held AS (
       SELECT a.worker_id, count(*)::int AS grids
         FROM ${assignmentsInForce('$1')} a JOIN ${gridsInForce('$1')} g ON g.code = a.grid_code
        GROUP BY a.worker_id)
     SELECT w.id, w.employment, ${AREA_COLUMNS}, coalesce(h.grids, 0) AS grids
       FROM grid_worker w
       JOIN ${workerStagesAt('$1')} st ON st.worker_id = w.id AND st.stage IN (${IN_POST})
       JOIN community c ON c.id = w.community_id JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
       LEFT JOIN held h ON h.worker_id = w.id
      WHERE ${codeMatchesSql('c.code', '$2')}
      ORDER BY w.id`,
    [at, within],
  );
  return rows.map((r) => ({ ...areaPath(r), id: r.id, employment: r.employment, grids: r.grids }));
}

export interface StaffingWorker {
  id: number;
  name: string;
  employment: 'full_time' | 'part_time';
  recruitmentSource: 'community_cadre' | 'social_worker_transfer' | 'open_recruitment' | null;
  community: { id: number; code: string; name: string };
  /** The stage at `at` (null: not yet recruited then). */
  stage: WorkerStage | null;
  stageSince: Date | null;
  /** The grids held at `at` (a code no longer in force is listed by its code). */
  grids: { code: string; name: string }[];
  /** The latest assessment recorded at or before `at`. */
  lastAssessment: { period: string; result: string } | null;
}

const WORKER_SELECT = (where: string) => `
  SELECT w.id, w.name, w.employment, w.recruitment_source, c.id AS community_id, c.code AS community_code, c.name AS community_name,
         st.stage, st.since,
         coalesce((SELECT json_agg(json_build_object('code', a.grid_code, 'name', coalesce(g.name, a.grid_code)) ORDER BY a.grid_code)
                     FROM ${assignmentsInForce('$1')} a LEFT JOIN ${gridsInForce('$1')} g ON g.code = a.grid_code
                    WHERE a.worker_id = w.id), '[]'::json) AS grids,
         (SELECT json_build_object('period', e.period, 'result', e.result) FROM worker_stage_event e
           WHERE e.worker_id = w.id AND e.kind = 'assessment' AND e.at <= $1::timestamptz ORDER BY e.at DESC, e.id DESC LIMIT 1) AS last_assessment
    FROM grid_worker w
    JOIN community c ON c.id = w.community_id
    JOIN ${workerStagesAt('$1')} st ON st.worker_id = w.id
   WHERE ${where}
   ORDER BY c.code, w.employment, w.name, w.id`;

type WorkerDbRow = {
  id: number; name: string; employment: StaffingWorker['employment']; recruitment_source: StaffingWorker['recruitmentSource'];
  community_id: number; community_code: string; community_name: string; stage: WorkerStage | null; since: Date | null;
  grids: { code: string; name: string }[]; last_assessment: { period: string; result: string } | null;
};
const toWorker = (r: WorkerDbRow): StaffingWorker => ({
  id: r.id,
  name: r.name,
  employment: r.employment,
  recruitmentSource: r.recruitment_source,
  community: { id: r.community_id, code: r.community_code, name: r.community_name },
  stage: r.stage,
  stageSince: r.since,
  grids: r.grids,
  lastAssessment: r.last_assessment,
});

/** The workers of the communities of one street (by id), at `at`. */
export async function workersOfStreetAt(db: Executor, streetId: number, at: Date): Promise<StaffingWorker[]> {
  return (await db.query<WorkerDbRow>(WORKER_SELECT('c.street_id = $2::int'), [at, streetId])).map(toWorker);
}

export async function staffingWorkerById(db: Executor, id: number, at: Date): Promise<StaffingWorker | null> {
  const [r] = await db.query<WorkerDbRow>(WORKER_SELECT('w.id = $2::int'), [at, id]);
  return r ? toWorker(r) : null;
}

