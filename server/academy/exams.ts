/**
 * Exam results (考试成绩). Security: 'academy_manage' over the worker's community. A result is appended,
 * never overwritten: a retake is a second row; each keeps the course's pass mark of its moment, and the
 * database computes passed = score >= that mark (geo/academy/exam-rule.ts states the same rule).
 */
import type { Db, Executor } from '../db';
import { AcademyError } from './errors';
import { manageableWorker, type Who } from './scope';

export interface ScoreInput {
  workerId: number;
  courseId: number;
  /** The session the exam closed, when it closed one (it must be of the same course). */
  sessionId?: number | null;
  score: number;
}

export async function recordScore(db: Db | Executor, who: Who, input: ScoreInput, at: Date): Promise<{ resultId: number; passed: boolean; passMark: number }> {
  const worker = await manageableWorker(db, who, input.workerId, at, 'academy.recordScore');
  if (worker.stage === 'left' || worker.stage === null) throw new AcademyError('WORKER_LEFT', String(worker.id));
  return db.transaction(async (tx) => {
    // The course row locked: a change of its pass mark and a result never interleave.
    const [course] = await tx.query<{ id: number; pass_mark: number }>(
      'SELECT id, pass_mark::float8 AS pass_mark FROM course WHERE id = $1::int AND created_at <= $2 FOR UPDATE',
      [input.courseId, at],
    );
    if (!course) throw new AcademyError('COURSE_NOT_FOUND', String(input.courseId));
    if (input.sessionId != null) {
      const [s] = await tx.query<{ course_id: number }>('SELECT course_id FROM course_session WHERE id = $1::int', [input.sessionId]);
      if (!s) throw new AcademyError('SESSION_NOT_FOUND', String(input.sessionId));
      if (s.course_id !== course.id) throw new AcademyError('SESSION_OTHER_COURSE', String(input.sessionId));
    }
    const [r] = await tx.query<{ id: number; passed: boolean }>(
      `INSERT INTO exam_result (worker_id, course_id, session_id, score, pass_mark, at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, passed`,
      [worker.id, course.id, input.sessionId ?? null, input.score, course.pass_mark, at, who.actor.userId || null],
    );
    return { resultId: Number(r!.id), passed: r!.passed, passMark: Number(course.pass_mark) };
  });
}
