-- The grid academy (网格学院): the city's syllabus of courses, their sessions (date, place or online,
-- teacher), the workers enrolled in each, attendance, and exam results.
--
-- The training rule (a worker goes from in_training to on_duty only with the required courses passed,
-- server/academy/training-rule.ts) reads course.required: the city marks a course 必修 (required) or
-- 选修 (elective) in its syllabus, so the rule is the city's setting, kept beside the courses it names
-- (no setting can name a course that does not exist) and changed by the city's administrator.
--
-- History is kept: attendance and exam results are appended, never updated or deleted (a trigger
-- refuses it); the attendance of a worker at a session at t is their last record at or before t, and a
-- course is passed at t when any result at or before t passed (a later failed retake does not undo it).
-- Each result keeps the pass mark it was judged by, so raising a course's mark later changes nothing past.

CREATE TABLE course (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2,4}-[0-9]{3}$'),
  name_zh     text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 60),
  name_en     text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120),
  hours       numeric(5, 1) NOT NULL CHECK (hours > 0 AND hours <= 200),
  pass_mark   numeric(5, 1) NOT NULL CHECK (pass_mark >= 0 AND pass_mark <= 100),
  required    boolean NOT NULL DEFAULT false,
  syllabus    text NOT NULL DEFAULT '' CHECK (length(syllabus) <= 2000),
  created_at  timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  created_by  int REFERENCES app_user(id)
);
COMMENT ON TABLE course IS 'A course of the city''s grid academy syllabus (网格学院课程): hours, pass mark, required (必修) or elective.';
COMMENT ON COLUMN course.id IS 'Row id.';
COMMENT ON COLUMN course.code IS 'Stable course code, e.g. GW-101.';
COMMENT ON COLUMN course.name_zh IS 'Course name in Chinese.';
COMMENT ON COLUMN course.name_en IS 'Course name in English.';
COMMENT ON COLUMN course.hours IS 'Nominal class hours of the course (学时).';
COMMENT ON COLUMN course.pass_mark IS 'The exam score (0-100) at or above which a result passes; each result keeps the mark it was judged by.';
COMMENT ON COLUMN course.required IS 'Required (必修) for going on duty: the training rule reads this flag.';
COMMENT ON COLUMN course.syllabus IS 'What the course covers (教学大纲), free text.';
COMMENT ON COLUMN course.created_at IS 'When the course was added to the syllabus; it counts for the rule from then.';
COMMENT ON COLUMN course.created_by IS 'The user who added the course (NULL for the demo seed).';

CREATE TABLE course_session (
  id          serial PRIMARY KEY,
  course_id   int NOT NULL REFERENCES course(id),
  -- The area whose workers it is for: a district code, or NULL for the whole city.
  area_code   text CHECK (area_code ~ '^[0-9]{6}$'),
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  place       text CHECK (length(place) BETWEEN 1 AND 200),
  online      boolean NOT NULL DEFAULT false,
  teacher     text NOT NULL CHECK (length(teacher) BETWEEN 1 AND 60),
  capacity    int CHECK (capacity > 0 AND capacity <= 10000),
  created_at  timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  created_by  int REFERENCES app_user(id),
  CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '12 hours'),
  CHECK (online OR place IS NOT NULL)
);
COMMENT ON TABLE course_session IS 'A scheduled class of a course (开班): when, where or online, who teaches, for which district.';
COMMENT ON COLUMN course_session.id IS 'Row id.';
COMMENT ON COLUMN course_session.course_id IS 'The course taught.';
COMMENT ON COLUMN course_session.area_code IS 'The district (6-digit code) whose workers it is for; NULL: open to the whole city.';
COMMENT ON COLUMN course_session.starts_at IS 'Start of the class.';
COMMENT ON COLUMN course_session.ends_at IS 'End of the class; ends_at - starts_at is the training hours an attendee earns.';
COMMENT ON COLUMN course_session.place IS 'Where it is held (NULL only when online).';
COMMENT ON COLUMN course_session.online IS 'Held online (线上); a place may still be named for a watch-together room.';
COMMENT ON COLUMN course_session.teacher IS 'The teacher''s name.';
COMMENT ON COLUMN course_session.capacity IS 'Most workers it takes; NULL: no limit.';
COMMENT ON COLUMN course_session.created_at IS 'When it was scheduled.';
COMMENT ON COLUMN course_session.created_by IS 'Who scheduled it (NULL for the demo seed).';
CREATE INDEX course_session_course_idx ON course_session (course_id, starts_at);

CREATE TABLE enrolment (
  session_id  int NOT NULL REFERENCES course_session(id),
  worker_id   int NOT NULL REFERENCES grid_worker(id),
  enrolled_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  enrolled_by int REFERENCES app_user(id),
  PRIMARY KEY (session_id, worker_id)
);
COMMENT ON TABLE enrolment IS 'A worker enrolled in a session (报名), by whom and when.';
COMMENT ON COLUMN enrolment.session_id IS 'The session.';
COMMENT ON COLUMN enrolment.worker_id IS 'The grid worker enrolled.';
COMMENT ON COLUMN enrolment.enrolled_at IS 'When they were enrolled.';
COMMENT ON COLUMN enrolment.enrolled_by IS 'Who enrolled them (NULL for the demo seed).';
CREATE INDEX enrolment_worker_idx ON enrolment (worker_id);

CREATE TABLE attendance (
  id          bigserial PRIMARY KEY,
  session_id  int NOT NULL,
  worker_id   int NOT NULL,
  present     boolean NOT NULL,
  at          timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  recorded_by int REFERENCES app_user(id),
  FOREIGN KEY (session_id, worker_id) REFERENCES enrolment (session_id, worker_id)
);
COMMENT ON TABLE attendance IS 'Append-only attendance records (考勤) of enrolled workers; the last at or before t stands.';
COMMENT ON COLUMN attendance.id IS 'Row id; orders records of the same moment.';
COMMENT ON COLUMN attendance.session_id IS 'The session.';
COMMENT ON COLUMN attendance.worker_id IS 'The worker (enrolled in the session).';
COMMENT ON COLUMN attendance.present IS 'Attended (true) or absent (false).';
COMMENT ON COLUMN attendance.at IS 'When it was recorded.';
COMMENT ON COLUMN attendance.recorded_by IS 'Who recorded it (NULL for the demo seed).';
CREATE INDEX attendance_enrolment_idx ON attendance (session_id, worker_id, at, id);
CREATE INDEX attendance_worker_idx ON attendance (worker_id);

CREATE TABLE exam_result (
  id          bigserial PRIMARY KEY,
  worker_id   int NOT NULL REFERENCES grid_worker(id),
  course_id   int NOT NULL REFERENCES course(id),
  session_id  int REFERENCES course_session(id),
  score       numeric(5, 1) NOT NULL CHECK (score >= 0 AND score <= 100),
  pass_mark   numeric(5, 1) NOT NULL CHECK (pass_mark >= 0 AND pass_mark <= 100),
  passed      boolean GENERATED ALWAYS AS (score >= pass_mark) STORED,
  at          timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  recorded_by int REFERENCES app_user(id)
);
COMMENT ON TABLE exam_result IS 'Append-only exam results (考试成绩): a retake is a new row, nothing is overwritten.';
COMMENT ON COLUMN exam_result.id IS 'Row id.';
COMMENT ON COLUMN exam_result.worker_id IS 'The worker examined.';
COMMENT ON COLUMN exam_result.course_id IS 'The course examined.';
COMMENT ON COLUMN exam_result.session_id IS 'The session the exam closed, when it closed one.';
COMMENT ON COLUMN exam_result.score IS 'Score, 0-100.';
COMMENT ON COLUMN exam_result.pass_mark IS 'The course''s pass mark when the result was recorded.';
COMMENT ON COLUMN exam_result.passed IS 'score >= pass_mark (the mark at the time).';
COMMENT ON COLUMN exam_result.at IS 'When the result was recorded.';
COMMENT ON COLUMN exam_result.recorded_by IS 'Who recorded it (NULL for the demo seed).';
CREATE INDEX exam_result_worker_idx ON exam_result (worker_id, course_id, at);

CREATE FUNCTION academy_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
COMMENT ON FUNCTION academy_record_is_append_only() IS 'Refuses changes to the academy''s append-only records (attendance, exam_result).';
CREATE TRIGGER attendance_no_update BEFORE UPDATE OR DELETE ON attendance
  FOR EACH ROW EXECUTE FUNCTION academy_record_is_append_only();
CREATE TRIGGER attendance_no_truncate BEFORE TRUNCATE ON attendance
  FOR EACH STATEMENT EXECUTE FUNCTION academy_record_is_append_only();
CREATE TRIGGER exam_result_no_update BEFORE UPDATE OR DELETE ON exam_result
  FOR EACH ROW EXECUTE FUNCTION academy_record_is_append_only();
CREATE TRIGGER exam_result_no_truncate BEFORE TRUNCATE ON exam_result
  FOR EACH STATEMENT EXECUTE FUNCTION academy_record_is_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON attendance, exam_result FROM PUBLIC;

-- Changes to the syllabus (a course added, its required flag or pass mark changed): who, when, what.
CREATE TABLE course_change (
  id          bigserial PRIMARY KEY,
  course_id   int NOT NULL REFERENCES course(id),
  action      text NOT NULL CHECK (action IN ('created', 'updated')),
  before      jsonb,
  after       jsonb NOT NULL,
  at          timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  by_user     int REFERENCES app_user(id)
);
COMMENT ON TABLE course_change IS 'Append-only log of syllabus changes: a course created or its fields changed, by whom and when.';
COMMENT ON COLUMN course_change.id IS 'Row id.';
COMMENT ON COLUMN course_change.course_id IS 'The course changed.';
COMMENT ON COLUMN course_change.action IS 'created or updated.';
COMMENT ON COLUMN course_change.before IS 'The fields before (NULL when created).';
COMMENT ON COLUMN course_change.after IS 'The fields after.';
COMMENT ON COLUMN course_change.at IS 'When.';
COMMENT ON COLUMN course_change.by_user IS 'Who (NULL for the demo seed).';
CREATE TRIGGER course_change_no_update BEFORE UPDATE OR DELETE ON course_change
  FOR EACH ROW EXECUTE FUNCTION academy_record_is_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON course_change FROM PUBLIC;
