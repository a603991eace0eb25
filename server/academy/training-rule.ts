/**
 * The training rule (网格学院 → 上岗): a worker may go from in_training to on_duty only with every
 * required course passed. Which courses are required is the city's setting, kept in the syllabus itself
 * (course.required, 必修; changed by the city's administrator, each change in course_change); a course
 * counts from the moment it was added. A course is passed by `at` when any of the worker's results at or
 * before `at` passed by the pass mark of its own time. Read by the staffing service inside its transaction.
 */
import type { LocalizedText } from '@/geo/text/localized-text';
import type { Executor } from '../db';
import { passedCoursesAt, requiredCoursesAt } from '../data/academy';

/** The required courses a worker has not passed at `at`, by code (empty = may go on duty). */
export async function unmetTrainingRequirements(tx: Executor, workerId: number, at: Date): Promise<{ code: string; name: LocalizedText }[]> {
  const rows = await tx.query<{ code: string; name_zh: string; name_en: string }>(
    `SELECT r.code, r.name_zh, r.name_en FROM ${requiredCoursesAt('$1')} r
      WHERE NOT EXISTS (SELECT 1 FROM ${passedCoursesAt('$1')} p WHERE p.worker_id = $2::int AND p.course_id = r.id)
      ORDER BY r.code`,
    [at, workerId],
  );
  return rows.map((r) => ({ code: r.code, name: { 'zh-CN': r.name_zh, en: r.name_en } }));
}
