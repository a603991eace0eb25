/**
 * The academy's query home (网格学院, migration 0024): the required courses in the syllabus at t, the
 * courses each worker has passed by t, and each worker's attendance standing at t. One definition each,
 * read by the training rule, the workers' records and the district figures.
 */

/** SQL: the required courses (id, code, name_zh, name_en) in the syllabus at the moment bound at `param`. */
export const requiredCoursesAt = (param: string) =>
  `(SELECT id, code, name_zh, name_en FROM course WHERE required AND created_at <= ${param}::timestamptz)`;

/**
 * SQL: (worker_id, course_id) of every course a worker has passed by the moment bound at `param`: any
 * result at or before it that passed by the pass mark of its own time (a later failed retake undoes nothing).
 */
export const passedCoursesAt = (param: string) =>
  `(SELECT DISTINCT worker_id, course_id FROM exam_result WHERE passed AND at <= ${param}::timestamptz)`;

/** SQL: (session_id, worker_id, present) of every enrolment's last attendance record at or before `param`. */
export const attendanceAt = (param: string) =>
  `(SELECT DISTINCT ON (session_id, worker_id) session_id, worker_id, present FROM attendance
     WHERE at <= ${param}::timestamptz ORDER BY session_id, worker_id, at DESC, id DESC)`;

/** SQL: a session's length in hours (the training hours an attendee earns), of a course_session aliased `alias`. */
export const sessionHours = (alias: string) => `(extract(epoch FROM ${alias}.ends_at - ${alias}.starts_at) / 3600.0)`;
