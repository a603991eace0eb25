/**
 * Sessions (开班), enrolment (报名) and attendance (考勤). Security: a session is scheduled for a district
 * the actor manages ('academy_manage'; the whole city: a city-wide manager); the sessions a reader sees
 * are the city's and those of districts their scope touches. A worker is enrolled by anyone with
 * 'academy' over their community (the street's operators included) in a session open to their district;
 * attendance needs 'academy_manage' over the worker. Every change is a row with who and when;
 * attendance is appended (the last record at t stands), never overwritten.
 */
import { scopePatterns, type Scope } from '../auth/policy';
import type { Db, Executor } from '../db';
import { attendanceAt, sessionHours } from '../data/academy';
import { codeMatchesSql } from '../data/sql';
import type { LocalizedText } from '@/geo/text/localized-text';
import { AcademyError } from './errors';
import { manageableWorker, readableWorker, requireManagedArea, scopeFor, sessionAreaVisible, type Who } from './scope';

export interface SessionInput {
  courseId: number;
  /** A district's 6-digit code, or null for the whole city. */
  areaCode: string | null;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  online: boolean;
  teacher: string;
  capacity: number | null;
}

const MAX_SESSION_MS = 12 * 3_600_000;

export async function scheduleSession(db: Db | Executor, who: Who, input: SessionInput, at: Date): Promise<{ sessionId: number }> {
  const target = 'academy.scheduleSession';
  // The area first: outside the jurisdiction nothing else is told.
  await requireManagedArea(db, who, input.areaCode, target);
  const length = input.endsAt.getTime() - input.startsAt.getTime();
  if (!(length > 0 && length <= MAX_SESSION_MS)) throw new AcademyError('SESSION_TIMES_INVALID');
  const place = input.place?.trim() || null;
  if (!input.online && !place) throw new AcademyError('SESSION_PLACE_REQUIRED');
  const [course] = await db.query('SELECT 1 FROM course WHERE id = $1::int AND created_at <= $2', [input.courseId, at]);
  if (!course) throw new AcademyError('COURSE_NOT_FOUND', String(input.courseId));
  if (input.areaCode !== null) {
    const [d] = await db.query('SELECT 1 FROM district WHERE code = $1', [input.areaCode]);
    if (!d) throw new AcademyError('DISTRICT_NOT_FOUND', input.areaCode);
  }
  const [s] = await db.query<{ id: number }>(
    `INSERT INTO course_session (course_id, area_code, starts_at, ends_at, place, online, teacher, capacity, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [input.courseId, input.areaCode, input.startsAt, input.endsAt, place, input.online, input.teacher.trim(), input.capacity, at, who.actor.userId || null],
  );
  return { sessionId: s!.id };
}

export interface SessionSummary {
  id: number;
  course: { id: number; code: string; name: LocalizedText };
  areaCode: string | null;
  areaName: string | null;
  startsAt: Date;
  endsAt: Date;
  hours: number;
  place: string | null;
  online: boolean;
  teacher: string;
  capacity: number | null;
  /** Enrolled workers in all (a count, no names). */
  enrolled: number;
}

const SESSION_COLUMNS = `s.id, s.course_id, c.code AS course_code, c.name_zh, c.name_en, s.area_code, d.name AS area_name, s.starts_at, s.ends_at,
  ${sessionHours('s')}::float8 AS hours, s.place, s.online, s.teacher, s.capacity,
  (SELECT count(*)::int FROM enrolment e WHERE e.session_id = s.id) AS enrolled`;
type SessionRow = {
  id: number; course_id: number; course_code: string; name_zh: string; name_en: string; area_code: string | null; area_name: string | null;
  starts_at: Date; ends_at: Date; hours: number; place: string | null; online: boolean; teacher: string; capacity: number | null; enrolled: number;
};
const summary = (r: SessionRow): SessionSummary => ({
  id: r.id,
  course: { id: r.course_id, code: r.course_code, name: { 'zh-CN': r.name_zh, en: r.name_en } },
  areaCode: r.area_code,
  areaName: r.area_name,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  hours: Number(r.hours),
  place: r.place,
  online: r.online,
  teacher: r.teacher,
  capacity: r.capacity,
  enrolled: r.enrolled,
});

/** SQL: the session area `column` is one the prefixes bound at `param` reach (NULL prefixes: everywhere); as sessionAreaVisible. */
const sessionVisibleSql = (column: string, param: string) =>
  `(${param}::text[] IS NULL OR ${column} IS NULL OR EXISTS (SELECT 1 FROM unnest(${param}::text[]) p WHERE left(p, 6) = ${column} OR left(${column}, length(p)) = p))`;

/** The sessions the scope reaches (the city's and its districts'), optionally of one course, newest first, at most 200. */
export async function listSessions(db: Executor, scope: Scope, filter: { courseId?: number }, at: Date): Promise<SessionSummary[]> {
  const rows = await db.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS}
       FROM course_session s JOIN course c ON c.id = s.course_id LEFT JOIN district d ON d.code = s.area_code
      WHERE s.created_at <= $1 AND ($2::int IS NULL OR s.course_id = $2::int) AND ${sessionVisibleSql('s.area_code', '$3')}
      ORDER BY s.starts_at DESC, s.id DESC LIMIT 200`,
    [at, filter.courseId ?? null, scope.all ? null : scope.prefixes],
  );
  return rows.map(summary);
}

export interface RosterEntry {
  workerId: number;
  name: string;
  communityCode: string;
  enrolledAt: Date;
  /** The last attendance record at t: true, false, or null (none yet). */
  present: boolean | null;
}

/** One session, with the enrolled workers of the reader's scope (names only of their own jurisdiction's workers). */
export async function sessionDetail(db: Executor, who: Who, sessionId: number, at: Date): Promise<SessionSummary & { roster: RosterEntry[] }> {
  const scope = await scopeFor(db, who, 'academy', 'academy.session');
  const [row] = await db.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM course_session s JOIN course c ON c.id = s.course_id LEFT JOIN district d ON d.code = s.area_code
      WHERE s.id = $1::int AND s.created_at <= $2`,
    [sessionId, at],
  );
  if (!row || !sessionAreaVisible(scope, row.area_code)) throw new AcademyError('SESSION_NOT_FOUND', String(sessionId));
  const roster = await db.query<{ worker_id: number; name: string; community_code: string; enrolled_at: Date; present: boolean | null }>(
    `SELECT e.worker_id, w.name, c.code AS community_code, e.enrolled_at, a.present
       FROM enrolment e JOIN grid_worker w ON w.id = e.worker_id JOIN community c ON c.id = w.community_id
       LEFT JOIN ${attendanceAt('$2')} a ON a.session_id = e.session_id AND a.worker_id = e.worker_id
      WHERE e.session_id = $1::int AND e.enrolled_at <= $2 AND ${codeMatchesSql('c.code', '$3')}
      ORDER BY c.code, w.name, w.id`,
    [sessionId, at, scopePatterns(scope)],
  );
  return {
    ...summary(row),
    roster: roster.map((r) => ({ workerId: r.worker_id, name: r.name, communityCode: r.community_code, enrolledAt: r.enrolled_at, present: r.present })),
  };
}

/** The session row locked (enrolments of one session run one after the other), when the scope reaches it. */
async function lockedSession(tx: Executor, scope: Scope, sessionId: number) {
  const [s] = await tx.query<{ id: number; course_id: number; area_code: string | null; starts_at: Date; ends_at: Date; capacity: number | null }>(
    'SELECT id, course_id, area_code, starts_at, ends_at, capacity FROM course_session WHERE id = $1::int FOR UPDATE',
    [sessionId],
  );
  if (!s || !sessionAreaVisible(scope, s.area_code)) throw new AcademyError('SESSION_NOT_FOUND', String(sessionId));
  return s;
}

export async function enrolWorker(db: Db | Executor, who: Who, input: { sessionId: number; workerId: number }, at: Date): Promise<{ enrolled: true }> {
  const target = 'academy.enrol';
  // The worker first: outside the reader's scope they answer as missing, whatever the session.
  const worker = await readableWorker(db, who, input.workerId, at, target);
  const scope = await scopeFor(db, who, 'academy', target);
  if (worker.stage === 'left' || worker.stage === null) throw new AcademyError('WORKER_LEFT', String(worker.id));
  return db.transaction(async (tx) => {
    const s = await lockedSession(tx, scope, input.sessionId);
    if (s.area_code !== null && !worker.communityCode.startsWith(s.area_code)) throw new AcademyError('SESSION_NOT_FOR_WORKER', s.area_code);
    if (s.ends_at <= at) throw new AcademyError('SESSION_OVER');
    const [dup] = await tx.query('SELECT 1 FROM enrolment WHERE session_id = $1 AND worker_id = $2', [s.id, worker.id]);
    if (dup) throw new AcademyError('ALREADY_ENROLLED', worker.name);
    if (s.capacity !== null) {
      const [n] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM enrolment WHERE session_id = $1', [s.id]);
      if (n!.n >= s.capacity) throw new AcademyError('SESSION_FULL', String(s.capacity));
    }
    await tx.execute('INSERT INTO enrolment (session_id, worker_id, enrolled_at, enrolled_by) VALUES ($1, $2, $3, $4)', [s.id, worker.id, at, who.actor.userId || null]);
    return { enrolled: true as const };
  });
}

export async function recordAttendance(db: Db | Executor, who: Who, input: { sessionId: number; workerId: number; present: boolean }, at: Date): Promise<{ recordId: number }> {
  const target = 'academy.recordAttendance';
  const worker = await manageableWorker(db, who, input.workerId, at, target);
  const scope = await scopeFor(db, who, 'academy_manage', target);
  return db.transaction(async (tx) => {
    const s = await lockedSession(tx, scope, input.sessionId);
    if (s.starts_at > at) throw new AcademyError('SESSION_NOT_STARTED');
    const [enrolled] = await tx.query('SELECT 1 FROM enrolment WHERE session_id = $1 AND worker_id = $2', [s.id, worker.id]);
    if (!enrolled) throw new AcademyError('NOT_ENROLLED', worker.name);
    const [r] = await tx.query<{ id: number }>(
      'INSERT INTO attendance (session_id, worker_id, present, at, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [s.id, worker.id, input.present, at, who.actor.userId || null],
    );
    return { recordId: Number(r!.id) };
  });
}
