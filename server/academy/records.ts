/**
 * A worker's academy record (学员档案): sessions enrolled and attended, every exam result (retakes
 * included, with who recorded it), and the required courses still unmet; and a street's workers with
 * their training standing, for the enrolment form. Names only, never phones.
 */
import type { LocalizedText } from '@/geo/text/localized-text';
import type { Executor } from '../db';
import { attendanceAt, passedCoursesAt, requiredCoursesAt, sessionHours } from '../data/academy';
import { readableWorker, type Who } from './scope';
import { unmetTrainingRequirements } from './training-rule';

export interface WorkerAcademyRecord {
  id: number;
  name: string;
  stage: string | null;
  sessions: { sessionId: number; courseCode: string; startsAt: Date; hours: number; present: boolean | null }[];
  results: { id: number; courseCode: string; courseName: LocalizedText; score: number; passMark: number; passed: boolean; at: Date; by: string | null }[];
  trainingHours: number;
  unmet: { code: string; name: LocalizedText }[];
}

export async function workerAcademyRecord(db: Executor, who: Who, workerId: number, at: Date): Promise<WorkerAcademyRecord> {
  const worker = await readableWorker(db, who, workerId, at, 'academy.worker');
  const sessions = await db.query<{ session_id: number; course_code: string; starts_at: Date; hours: number; present: boolean | null }>(
    `SELECT e.session_id, c.code AS course_code, s.starts_at, ${sessionHours('s')}::float8 AS hours, a.present
       FROM enrolment e JOIN course_session s ON s.id = e.session_id JOIN course c ON c.id = s.course_id
       LEFT JOIN ${attendanceAt('$2')} a ON a.session_id = e.session_id AND a.worker_id = e.worker_id
      WHERE e.worker_id = $1::int AND e.enrolled_at <= $2 ORDER BY s.starts_at, s.id`,
    [workerId, at],
  );
  const results = await db.query<{ id: number; course_code: string; name_zh: string; name_en: string; score: number; pass_mark: number; passed: boolean; at: Date; by: string | null }>(
    `SELECT r.id, c.code AS course_code, c.name_zh, c.name_en, r.score::float8 AS score, r.pass_mark::float8 AS pass_mark, r.passed, r.at, u.username AS by
       FROM exam_result r JOIN course c ON c.id = r.course_id LEFT JOIN app_user u ON u.id = r.recorded_by
      WHERE r.worker_id = $1::int AND r.at <= $2 ORDER BY r.at, r.id`,
    [workerId, at],
  );
  const mapped = sessions.map((s) => ({ sessionId: s.session_id, courseCode: s.course_code, startsAt: s.starts_at, hours: Number(s.hours), present: s.present }));
  return {
    id: worker.id,
    name: worker.name,
    stage: worker.stage,
    sessions: mapped,
    results: results.map((r) => ({
      id: Number(r.id),
      courseCode: r.course_code,
      courseName: { 'zh-CN': r.name_zh, en: r.name_en },
      score: Number(r.score),
      passMark: Number(r.pass_mark),
      passed: r.passed,
      at: r.at,
      by: r.by,
    })),
    trainingHours: mapped.filter((s) => s.present).reduce((sum, s) => sum + s.hours, 0),
    unmet: await unmetTrainingRequirements(db, workerId, at),
  };
}

export interface StreetTrainee {
  id: number;
  name: string;
  communityCode: string;
  stage: string | null;
  /** Required courses passed by t, of how many. */
  requiredPassed: number;
  requiredTotal: number;
}

/** The street's workers not yet left at t, with how many required courses each has passed (the policy checks the street). */
export async function streetTrainees(db: Executor, streetId: number, at: Date): Promise<StreetTrainee[]> {
  const rows = await db.query<{ id: number; name: string; community_code: string; stage: string | null; passed: number; total: number }>(
    `WITH req AS ${requiredCoursesAt('$2')}
     SELECT w.id, w.name, c.code AS community_code, st.stage,
            (SELECT count(*)::int FROM ${passedCoursesAt('$2')} p JOIN req ON req.id = p.course_id WHERE p.worker_id = w.id) AS passed,
            (SELECT count(*)::int FROM req) AS total
       FROM grid_worker w JOIN community c ON c.id = w.community_id
       JOIN worker_stages_at($2::timestamptz) st ON st.worker_id = w.id
      WHERE c.street_id = $1::int AND st.stage IS NOT NULL AND st.stage <> 'left'
      ORDER BY (st.stage = 'in_training') DESC, c.code, w.name, w.id LIMIT 2000`,
    [streetId, at],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, communityCode: r.community_code, stage: r.stage, requiredPassed: r.passed, requiredTotal: r.total }));
}
