/**
 * The academy's figures per district at t (培训覆盖): of the workers of the caller's jurisdiction (by
 * their community), the trained share (active workers with every required course passed / active
 * workers; active = not left, geo/academy/exam-rule.ts ACTIVE_STAGES), training hours (the hours of the
 * sessions attended, by the last attendance record at t) and the pass rate (results passed / taken by t).
 * A street's reader sees their district's row counting their street's workers only.
 */
import { ACTIVE_STAGES, academyShares, type AcademyShares } from '@/geo/academy/exam-rule';
import { scopePatterns, type Scope } from '../auth/policy';
import type { Executor } from '../db';
import { attendanceAt, passedCoursesAt, requiredCoursesAt, sessionHours } from '../data/academy';
import { codeMatchesSql, literalList } from '../data/sql';

export interface DistrictAcademyFigures extends AcademyShares {
  district: { code: string; name: string };
  activeWorkers: number;
  trainedWorkers: number;
  trainingHours: number;
  examsTaken: number;
  examsPassed: number;
}

export async function districtAcademyFigures(db: Executor, scope: Scope, at: Date): Promise<DistrictAcademyFigures[]> {
  const rows = await db.query<{ code: string; name: string; active: number; trained: number; hours: number; taken: number; passed: number }>(
    `WITH req AS ${requiredCoursesAt('$1')},
     done AS (SELECT p.worker_id, count(*)::int AS n FROM ${passedCoursesAt('$1')} p JOIN req ON req.id = p.course_id GROUP BY p.worker_id),
     hours AS (SELECT a.worker_id, sum(${sessionHours('s')}) AS h
                 FROM ${attendanceAt('$1')} a JOIN course_session s ON s.id = a.session_id WHERE a.present GROUP BY a.worker_id),
     exams AS (SELECT worker_id, count(*)::int AS taken, count(*) FILTER (WHERE passed)::int AS passed FROM exam_result WHERE at <= $1::timestamptz GROUP BY worker_id),
     w AS (SELECT w.id, d.code, d.name, st.stage IN (${literalList(ACTIVE_STAGES)}) AS active
             FROM grid_worker w JOIN community c ON c.id = w.community_id JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
             JOIN worker_stages_at($1::timestamptz) st ON st.worker_id = w.id
            WHERE ${codeMatchesSql('c.code', '$2')})
     SELECT w.code, w.name,
            count(*) FILTER (WHERE w.active)::int AS active,
            count(*) FILTER (WHERE w.active AND coalesce(done.n, 0) = (SELECT count(*) FROM req))::int AS trained,
            coalesce(sum(hours.h), 0)::float8 AS hours,
            coalesce(sum(exams.taken), 0)::int AS taken,
            coalesce(sum(exams.passed), 0)::int AS passed
       FROM w LEFT JOIN done ON done.worker_id = w.id LEFT JOIN hours ON hours.worker_id = w.id LEFT JOIN exams ON exams.worker_id = w.id
      GROUP BY w.code, w.name ORDER BY w.code`,
    [at, scopePatterns(scope)],
  );
  return rows.map((r) => {
    const counts = { activeWorkers: r.active, trainedWorkers: r.trained, examsTaken: r.taken, examsPassed: r.passed };
    return { district: { code: r.code, name: r.name }, ...counts, ...academyShares(counts), trainingHours: Math.round(Number(r.hours) * 10) / 10 };
  });
}
