/**
 * Step 12c. The grid academy of the demo city (网格学院): the city's syllabus (five required courses and
 * two electives), a year of sessions in every district (one a quarter per course, 09:00 China time, in
 * the district's training room) and one online session of each course for the whole city, and the
 * records of about seven in ten workers in post and every trainee: enrolled in their district's
 * sessions, present or (about one in twelve) absent, a score per attendance, a retake a fortnight
 * after a fail. So the district figures read like a year's records: most workers trained, some not yet.
 *
 * Set-based and deterministic: everything follows from worker and course ids by arithmetic (no random
 * draw), so the generator's other steps stay exactly as they were. All rows are from the seed (no user).
 */
import type { Executor } from '../../db';
import { DEMO_REFERENCE_TIME } from './state';

/** The city's syllabus: code, names, hours, pass mark, required, outline. */
export const DEMO_SYLLABUS = [
  ['GW-101', '网格员职责与工作规范', 'Duties and standards of grid work', 4, 60, true, '网格员“十项职责”、巡查频次、工作纪律与廉洁要求、民情日志填写规范。'],
  ['GW-102', '基础信息采集（一标三实）', 'Collecting base data (one standard, three realities)', 6, 70, true, '标准地址、实有人口、实有房屋、实有单位的采集标准与核实流程；个人信息保护。'],
  ['GW-103', '矛盾纠纷排查化解', 'Finding and settling disputes', 4, 60, true, '邻里、物业、婚姻家庭等常见纠纷的排查、分级上报与调解技巧；“枫桥经验”案例。'],
  ['GW-104', '安全隐患排查', 'Finding safety hazards', 4, 60, true, '消防、燃气、电动自行车充电、危化品、房屋安全等隐患的识别与上报。'],
  ['GW-105', '信息系统操作', 'Using the grid information system', 3, 70, true, '手机端上报、扫码定责、案件处置反馈、巡查轨迹与民情日志的操作。'],
  ['GW-201', '群众工作方法与沟通技巧', 'Working with residents', 2, 60, false, '入户走访、群众诉求受理与回应、特殊人群沟通。'],
  ['GW-202', '心理疏导与危机干预', 'Counselling and crisis support', 2, 60, false, '识别心理危机信号、初步疏导与转介。'],
] as const;

const TEACHERS = ['周建国', '陈晓燕', '王志强', '李红梅', '刘海涛', '孙丽娟', '张德明'];

export async function seedAcademy(tx: Executor): Promise<{ courses: number; sessions: number; results: number }> {
  const ref = DEMO_REFERENCE_TIME.toISOString();
  await tx.execute(
    `INSERT INTO course (code, name_zh, name_en, hours, pass_mark, required, syllabus, created_at)
     SELECT u.code, u.zh, u.en, u.hours, u.mark, u.required, u.syllabus, timestamptz '2024-01-01 00:00:00+08'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::boolean[], $7::text[]) AS u(code, zh, en, hours, mark, required, syllabus)
     ON CONFLICT (code) DO NOTHING`,
    [0, 1, 2, 3, 4, 5, 6].map((i) => DEMO_SYLLABUS.map((c) => c[i])),
  );
  await tx.execute(
    `INSERT INTO course_change (course_id, action, after, at)
     SELECT c.id, 'created', jsonb_build_object('code', c.code, 'nameZh', c.name_zh, 'nameEn', c.name_en, 'hours', c.hours, 'passMark', c.pass_mark, 'required', c.required), c.created_at
       FROM course c WHERE c.code = ANY ($1::text[]) AND NOT EXISTS (SELECT 1 FROM course_change x WHERE x.course_id = c.id)
      ORDER BY c.code`,
    [DEMO_SYLLABUS.map((c) => c[0])],
  );
  // Quarter k (0 = the latest) of every district and course: course i starts its quarter on week i.
  // The reference time is midnight in China: + 9 hours is 09:00 there. One online session per course for the whole city, in the latest quarter.
  await tx.execute(
    `INSERT INTO course_session (course_id, area_code, starts_at, ends_at, place, online, teacher, created_at)
     SELECT c.id, d.code, st, st + make_interval(hours => c.hours::int), d.name || '社会治理服务中心培训室', false,
            ($3::text[])[1 + (d.id + c.id + k) % cardinality($3::text[])], st - interval '14 days'
       FROM course c CROSS JOIN district d CROSS JOIN generate_series(0, 3) AS k
       CROSS JOIN LATERAL (SELECT $1::timestamptz + interval '9 hours' - make_interval(days => 91 * k + 7 * (c.id % 7) + 10)) AS s(st)
      WHERE c.code = ANY ($2::text[])
      ORDER BY d.code, c.code, k`,
    [ref, DEMO_SYLLABUS.map((c) => c[0]), TEACHERS],
  );
  await tx.execute(
    `INSERT INTO course_session (course_id, area_code, starts_at, ends_at, place, online, teacher, created_at)
     SELECT c.id, NULL, st, st + make_interval(hours => c.hours::int), NULL, true, ($3::text[])[1 + c.id % cardinality($3::text[])], st - interval '14 days'
       FROM course c CROSS JOIN LATERAL (SELECT $1::timestamptz + interval '14 hours' - make_interval(days => 5 + 3 * (c.id % 7))) AS s(st)
      WHERE c.code = ANY ($2::text[])
      ORDER BY c.code`,
    [ref, DEMO_SYLLABUS.map((c) => c[0]), TEACHERS],
  );
  // Who takes part: every trainee at the reference time, and about seven in ten workers in post (by id).
  // Each takes every required course, an elective one in three, in their district's session of quarter
  // (id mod 4); trainees in the latest quarter.
  await tx.execute(
    `CREATE TEMP TABLE academy_seed_take AS
     SELECT w.id AS worker_id, cs.id AS session_id, cs.course_id, cs.starts_at, cs.ends_at, c.pass_mark
       FROM grid_worker w
       JOIN worker_stages_at($1::timestamptz) st ON st.worker_id = w.id
       JOIN community cm ON cm.id = w.community_id
       JOIN course c ON c.code = ANY ($2::text[]) AND (c.required OR w.id % 3 = 0)
       JOIN LATERAL (
         SELECT s.id, s.course_id, s.starts_at, s.ends_at FROM course_session s
          WHERE s.course_id = c.id AND s.area_code = left(cm.code, 6)
          ORDER BY s.starts_at DESC, s.id
          OFFSET CASE WHEN st.stage = 'in_training' THEN 0 ELSE w.id % 4 END LIMIT 1) cs ON true
      WHERE st.stage = 'in_training' OR (st.stage IN ('on_duty', 'leaving') AND w.id % 10 < 7)`,
    [ref, DEMO_SYLLABUS.map((c) => c[0])],
  );
  await tx.execute(
    `INSERT INTO enrolment (session_id, worker_id, enrolled_at)
     SELECT session_id, worker_id, starts_at - interval '7 days' FROM academy_seed_take ORDER BY session_id, worker_id`,
  );
  // Absent about one time in twelve; present otherwise (recorded as the session ends).
  await tx.execute(
    `INSERT INTO attendance (session_id, worker_id, present, at)
     SELECT session_id, worker_id, (worker_id * 7 + course_id) % 12 <> 0, ends_at FROM academy_seed_take ORDER BY session_id, worker_id`,
  );
  // A score of 55-100 for every attendance an hour after the end; a fail retaken 14 days later, 15 marks higher.
  await tx.execute(
    `INSERT INTO exam_result (worker_id, course_id, session_id, score, pass_mark, at)
     SELECT worker_id, course_id, session_id, score, pass_mark, at FROM (
       SELECT worker_id, course_id, session_id, pass_mark, 55 + (worker_id * 37 + course_id * 11) % 46 AS score, ends_at + interval '1 hour' AS at
         FROM academy_seed_take WHERE (worker_id * 7 + course_id) % 12 <> 0
       UNION ALL
       SELECT worker_id, course_id, session_id, pass_mark, least(100, 70 + (worker_id * 37 + course_id * 11) % 46), ends_at + interval '14 days'
         FROM academy_seed_take
        WHERE (worker_id * 7 + course_id) % 12 <> 0 AND 55 + (worker_id * 37 + course_id * 11) % 46 < pass_mark
          AND ends_at + interval '14 days' <= $1::timestamptz) r
      ORDER BY at, worker_id, course_id`,
    [ref],
  );
  const [n] = await tx.query<{ courses: number; sessions: number; results: number }>(
    `SELECT (SELECT count(*)::int FROM course) AS courses, (SELECT count(*)::int FROM course_session) AS sessions, (SELECT count(*)::int FROM exam_result) AS results`,
  );
  await tx.execute('DROP TABLE academy_seed_take');
  return n!;
}
