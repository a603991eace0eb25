/**
 * The grid academy on the engine of the run: the syllabus (the city's), sessions of a district,
 * enrolment and attendance as history, exam scores judged by the pass mark of their time, the training
 * rule the staffing service asks before a worker goes on duty, the district figures of a small city,
 * and who may do what where.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { scopeOf } from '../auth/policy';
import { changeStage, recruitWorker } from '../staffing/stages';
import { seedAccessFixture, type AccessFixture } from '../testing/access-fixture';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { signInTestUser } from '../testing/users';
import { createCourse, listCourses, updateCourse } from './courses';
import { recordScore } from './exams';
import { districtAcademyFigures } from './figures';
import { streetTrainees, workerAcademyRecord } from './records';
import { enrolWorker, listSessions, recordAttendance, scheduleSession, sessionDetail } from './sessions';
import { unmetTrainingRequirements } from './training-rule';

let t: TestDatabase;
let fx: AccessFixture;
const who = new Map<string, { actor: Actor; address: string }>();
const as = (name: string) => who.get(name)!;
const HOUR = 3_600_000;
// A fixed start a minute ahead (the fixture's rows began at "now"); every step a minute after the last.
const start = Date.now() + 60_000;
let clock = start;
const tick = () => new Date((clock += 60_000));

const HONGSHAN = '320102008';
const QINHONG = '320104001';
const course = { GW101: 0, GW102: 0, GW201: 0 };

beforeAll(async () => {
  t = await openTestDatabase();
  fx = await seedAccessFixture(t.db);
  for (const username of ['admin', 'district-xuanwu', 'district-qinhuai', 'street-hongshan', 'street-xinjiekou', 'dept-police', 'worker-hongshan', 'command']) {
    const [u] = await t.db.query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [username]);
    who.set(username, { actor: (await signInTestUser(t.db, u!.id)).actor, address: 'test' });
  }
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

describe('the syllabus', () => {
  it('is added to by the city administrator only, each addition logged', async () => {
    const at = tick();
    course.GW101 = (await createCourse(t.db, as('admin'), { code: 'GW-101', nameZh: '网格员职责与工作规范', nameEn: 'Duties and standards of grid work', hours: 4, passMark: 60, required: true }, at)).courseId;
    course.GW102 = (await createCourse(t.db, as('admin'), { code: 'GW-102', nameZh: '基础信息采集（一标三实）', nameEn: 'Collecting base data', hours: 6, passMark: 70, required: true }, at)).courseId;
    course.GW201 = (await createCourse(t.db, as('admin'), { code: 'GW-201', nameZh: '心理疏导', nameEn: 'Counselling', hours: 2, passMark: 60, required: false }, at)).courseId;
    await expect(createCourse(t.db, as('admin'), { code: 'GW-101', nameZh: '重复', nameEn: 'Twice', hours: 1, passMark: 60, required: false }, tick())).rejects.toMatchObject({
      code: 'COURSE_CODE_TAKEN',
      kind: 'conflict',
    });
    // A district's reviewer runs classes but does not write the city's syllabus; a street editor neither.
    await expect(createCourse(t.db, as('district-xuanwu'), { code: 'GW-999', nameZh: '区', nameEn: 'D', hours: 1, passMark: 60, required: true }, tick())).rejects.toMatchObject({
      code: 'SYLLABUS_CITY_ONLY',
      kind: 'forbidden',
    });
    await expect(createCourse(t.db, as('street-hongshan'), { code: 'GW-998', nameZh: '街', nameEn: 'S', hours: 1, passMark: 60, required: true }, tick())).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
    });
    const listed = await listCourses(t.db, new Date(clock));
    expect(listed.map((c) => [c.code, c.required, c.passMark, c.hours])).toEqual([
      ['GW-101', true, 60, 4],
      ['GW-102', true, 70, 6],
      ['GW-201', false, 60, 2],
    ]);
    expect(await listCourses(t.db, new Date(at.getTime() - 1))).toEqual([]);
    const log = await t.db.query<{ action: string; username: string }>(
      'SELECT l.action, u.username FROM course_change l JOIN app_user u ON u.id = l.by_user WHERE l.course_id = $1',
      [course.GW101],
    );
    expect(log).toEqual([{ action: 'created', username: 'admin' }]);
  });
});

describe('sessions, enrolment and attendance', () => {
  let xuanwuSession: number;
  let citySession: number;
  const sessionStart = start + 60 * 60_000;
  const session = (more: Partial<Parameters<typeof scheduleSession>[2]> = {}) => ({
    courseId: course.GW101,
    areaCode: '320102',
    startsAt: new Date(sessionStart),
    endsAt: new Date(sessionStart + 3 * HOUR),
    place: '玄武区社会治理中心三楼培训室',
    online: false,
    teacher: '周老师',
    capacity: 2,
    ...more,
  });

  it('are scheduled by a district for its own district, by the city for all', async () => {
    xuanwuSession = (await scheduleSession(t.db, as('district-xuanwu'), session(), tick())).sessionId;
    citySession = (await scheduleSession(t.db, as('admin'), session({ areaCode: null, online: true, place: null, capacity: null, courseId: course.GW102 }), tick())).sessionId;
    await expect(scheduleSession(t.db, as('district-xuanwu'), session({ areaCode: '320104' }), tick())).rejects.toMatchObject({ code: 'ACADEMY_OUT_OF_JURISDICTION', kind: 'forbidden' });
    await expect(scheduleSession(t.db, as('district-xuanwu'), session({ areaCode: null }), tick())).rejects.toMatchObject({ code: 'ACADEMY_OUT_OF_JURISDICTION' });
    await expect(scheduleSession(t.db, as('street-hongshan'), session(), tick())).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    await expect(scheduleSession(t.db, as('district-xuanwu'), session({ endsAt: new Date(sessionStart) }), tick())).rejects.toMatchObject({ code: 'SESSION_TIMES_INVALID', kind: 'invalid' });
    await expect(scheduleSession(t.db, as('district-xuanwu'), session({ place: ' ' }), tick())).rejects.toMatchObject({ code: 'SESSION_PLACE_REQUIRED' });
    await expect(scheduleSession(t.db, as('district-xuanwu'), session({ courseId: 2 ** 31 - 1 }), tick())).rejects.toMatchObject({ code: 'COURSE_NOT_FOUND', kind: 'not_found' });
    // Each reader sees the city's sessions and those of their own district.
    const ids = async (name: string) => (await listSessions(t.db, scopeOf(as(name).actor, 'academy')!, {}, new Date(clock))).map((s) => s.id).sort();
    expect(await ids('street-hongshan')).toEqual([xuanwuSession, citySession].sort());
    expect(await ids('district-qinhuai')).toEqual([citySession]);
    await expect(sessionDetail(t.db, as('district-qinhuai'), xuanwuSession, new Date(clock))).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });

  it("enrols the jurisdiction's workers: a street its own, never another district's", async () => {
    const [w1, w2] = fx.streets[HONGSHAN].workerIds;
    await enrolWorker(t.db, as('street-hongshan'), { sessionId: xuanwuSession, workerId: w1 }, tick());
    await expect(enrolWorker(t.db, as('street-hongshan'), { sessionId: xuanwuSession, workerId: w1 }, tick())).rejects.toMatchObject({ code: 'ALREADY_ENROLLED', kind: 'conflict' });
    // Another street's worker answers as missing to a street editor.
    await expect(enrolWorker(t.db, as('street-hongshan'), { sessionId: xuanwuSession, workerId: fx.streets['320102003'].workerIds[0] }, tick())).rejects.toMatchObject({
      code: 'WORKER_NOT_FOUND',
    });
    // The city's administrator may enrol anyone, but a district's session is for that district's workers.
    await expect(enrolWorker(t.db, as('admin'), { sessionId: xuanwuSession, workerId: fx.streets[QINHONG].workerIds[0] }, tick())).rejects.toMatchObject({
      code: 'SESSION_NOT_FOR_WORKER',
    });
    await enrolWorker(t.db, as('district-xuanwu'), { sessionId: xuanwuSession, workerId: w2 }, tick());
    // Capacity 2.
    await expect(enrolWorker(t.db, as('district-xuanwu'), { sessionId: xuanwuSession, workerId: fx.streets['320102003'].workerIds[0] }, tick())).rejects.toMatchObject({
      code: 'SESSION_FULL',
    });
    await expect(enrolWorker(t.db, as('dept-police'), { sessionId: xuanwuSession, workerId: w1 }, tick())).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    const detail = await sessionDetail(t.db, as('street-hongshan'), xuanwuSession, new Date(clock));
    expect([detail.enrolled, detail.roster.map((r) => r.workerId).sort((a, b) => a - b)]).toEqual([2, [w1, w2].sort((a, b) => a - b)]);
  });

  it('records attendance after the start, by the district, appended as history', async () => {
    const [w1, w2] = fx.streets[HONGSHAN].workerIds;
    await expect(recordAttendance(t.db, as('district-xuanwu'), { sessionId: xuanwuSession, workerId: w1, present: true }, tick())).rejects.toMatchObject({
      code: 'SESSION_NOT_STARTED',
    });
    await expect(recordAttendance(t.db, as('street-hongshan'), { sessionId: xuanwuSession, workerId: w1, present: true }, tick())).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    await expect(recordAttendance(t.db, as('district-qinhuai'), { sessionId: xuanwuSession, workerId: w1, present: true }, tick())).rejects.toMatchObject({ code: 'WORKER_NOT_FOUND' });
    clock = sessionStart + HOUR;
    const absentAt = tick();
    await recordAttendance(t.db, as('district-xuanwu'), { sessionId: xuanwuSession, workerId: w1, present: false }, absentAt);
    await recordAttendance(t.db, as('district-xuanwu'), { sessionId: xuanwuSession, workerId: w1, present: true }, tick());
    await recordAttendance(t.db, as('district-xuanwu'), { sessionId: xuanwuSession, workerId: w2, present: true }, tick());
    await expect(recordAttendance(t.db, as('district-xuanwu'), { sessionId: citySession, workerId: w1, present: true }, tick())).rejects.toMatchObject({ code: 'NOT_ENROLLED' });
    const presentOf = async (at: Date) => (await sessionDetail(t.db, as('district-xuanwu'), xuanwuSession, at)).roster.find((r) => r.workerId === w1)!.present;
    expect(await presentOf(absentAt)).toBe(false);
    expect(await presentOf(new Date(clock))).toBe(true);
    expect((await workerAcademyRecord(t.db, as('street-hongshan'), w1, new Date(clock))).trainingHours).toBe(3);
    await expect(t.db.execute('UPDATE attendance SET present = false')).rejects.toThrow(/append-only/);
    await expect(t.db.execute('DELETE FROM attendance')).rejects.toThrow(/append-only/);
  });
});

describe('exam scores and the training rule', () => {
  let trainee: number;

  it('judges a score by the pass mark of its time and keeps every result', async () => {
    const w1 = fx.streets[HONGSHAN].workerIds[0];
    const failed = await recordScore(t.db, as('district-xuanwu'), { workerId: w1, courseId: course.GW101, score: 59.9 }, tick());
    const passed = await recordScore(t.db, as('district-xuanwu'), { workerId: w1, courseId: course.GW101, score: 60 }, tick());
    expect([failed.passed, failed.passMark, passed.passed]).toEqual([false, 60, true]);
    // A later change of the pass mark judges only later results.
    await t.db.execute('UPDATE course SET pass_mark = 80 WHERE id = $1', [course.GW101]);
    const stricter = await recordScore(t.db, as('district-xuanwu'), { workerId: w1, courseId: course.GW101, score: 75 }, tick());
    await t.db.execute('UPDATE course SET pass_mark = 60 WHERE id = $1', [course.GW101]);
    expect([stricter.passed, stricter.passMark]).toEqual([false, 80]);
    const record = await workerAcademyRecord(t.db, as('district-xuanwu'), w1, new Date(clock));
    expect(record.results.map((r) => [r.score, r.passMark, r.passed, r.by])).toEqual([
      [59.9, 60, false, 'district-xuanwu'],
      [60, 60, true, 'district-xuanwu'],
      [75, 80, false, 'district-xuanwu'],
    ]);
    // A later failed retake does not undo the pass: GW-101 is met, GW-102 not.
    expect(record.unmet.map((c) => c.code)).toEqual(['GW-102']);
    await expect(t.db.execute('UPDATE exam_result SET score = 100')).rejects.toThrow(/append-only/);
    await expect(recordScore(t.db, as('street-hongshan'), { workerId: w1, courseId: course.GW101, score: 90 }, tick())).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    await expect(recordScore(t.db, as('district-qinhuai'), { workerId: w1, courseId: course.GW101, score: 90 }, tick())).rejects.toMatchObject({ code: 'WORKER_NOT_FOUND' });
    await expect(recordScore(t.db, as('district-xuanwu'), { workerId: w1, courseId: 2 ** 31 - 1, score: 90 }, tick())).rejects.toMatchObject({ code: 'COURSE_NOT_FOUND' });
  });

  it('names the required courses not passed: none taken, one failed, then passed', async () => {
    trainee = (await recruitWorker(t.db, as('street-hongshan'), { communityCode: `${HONGSHAN}001`, name: '李新', employment: 'full_time', recruitmentSource: 'open_recruitment' }, tick())).workerId;
    await changeStage(t.db, as('street-hongshan'), { workerId: trainee, fromStage: 'recruited', toStage: 'in_training' }, tick());
    const before = new Date(clock);
    expect((await unmetTrainingRequirements(t.db, trainee, before)).map((c) => c.code)).toEqual(['GW-101', 'GW-102']);
    // The elective course counts for nothing.
    await recordScore(t.db, as('district-xuanwu'), { workerId: trainee, courseId: course.GW201, score: 100 }, tick());
    await recordScore(t.db, as('district-xuanwu'), { workerId: trainee, courseId: course.GW101, score: 88 }, tick());
    await recordScore(t.db, as('district-xuanwu'), { workerId: trainee, courseId: course.GW102, score: 65 }, tick());
    const unmet = await unmetTrainingRequirements(t.db, trainee, new Date(clock));
    expect(unmet).toEqual([{ code: 'GW-102', name: { 'zh-CN': '基础信息采集（一标三实）', en: 'Collecting base data' } }]);
    const refused = changeStage(t.db, as('street-hongshan'), { workerId: trainee, fromStage: 'in_training', toStage: 'on_duty' }, tick());
    await expect(refused).rejects.toMatchObject({ code: 'TRAINING_INCOMPLETE', kind: 'invalid', text: { 'zh-CN': expect.stringContaining('基础信息采集') } });
    await recordScore(t.db, as('district-xuanwu'), { workerId: trainee, courseId: course.GW102, score: 70 }, tick());
    expect(await unmetTrainingRequirements(t.db, trainee, new Date(clock))).toEqual([]);
    // As of before the pass, still unmet: the rule reads the history at its moment.
    expect((await unmetTrainingRequirements(t.db, trainee, before)).map((c) => c.code)).toEqual(['GW-101', 'GW-102']);
    await changeStage(t.db, as('street-hongshan'), { workerId: trainee, fromStage: 'in_training', toStage: 'on_duty' }, tick());
  });

  it("lists a street's workers with their standing", async () => {
    const list = await streetTrainees(t.db, fx.streets[HONGSHAN].id, new Date(clock));
    expect(list.map((w) => [w.id, w.requiredPassed, w.requiredTotal]).sort((a, b) => a[0]! - b[0]!)).toEqual(
      [
        [fx.streets[HONGSHAN].workerIds[0], 1, 2],
        [fx.streets[HONGSHAN].workerIds[1], 0, 2],
        [trainee, 2, 2],
      ].sort((a, b) => a[0]! - b[0]!),
    );
  });
});

describe('the district figures', () => {
  it('counts trained share, hours and pass rate per district, within the caller’s jurisdiction', async () => {
    const at = new Date(clock);
    const city = await districtAcademyFigures(t.db, scopeOf(as('admin').actor, 'academy')!, at);
    // 玄武区: the four fixture workers and the trainee (5 active), the trainee trained; hours 3 + 3; 7 results, 4 passed.
    expect(city).toEqual([
      { district: { code: '320102', name: '玄武区' }, activeWorkers: 5, trainedWorkers: 1, trainedShare: 0.2, trainingHours: 6, examsTaken: 7, examsPassed: 4, passRate: 4 / 7 },
      { district: { code: '320104', name: '秦淮区' }, activeWorkers: 2, trainedWorkers: 0, trainedShare: 0, trainingHours: 0, examsTaken: 0, examsPassed: 0, passRate: null },
    ]);
    expect((await districtAcademyFigures(t.db, scopeOf(as('district-qinhuai').actor, 'academy')!, at)).map((r) => r.district.code)).toEqual(['320104']);
    // A street's reader: their district's row, of their street's workers only (3 of the 5).
    const street = await districtAcademyFigures(t.db, scopeOf(as('street-hongshan').actor, 'academy')!, at);
    expect(street.map((r) => [r.district.code, r.activeWorkers, r.trainedWorkers])).toEqual([['320102', 3, 1]]);
    // Before any course existed, everyone was trained by the (empty) rule.
    expect((await districtAcademyFigures(t.db, scopeOf(as('admin').actor, 'academy')!, new Date(start)))[0]).toMatchObject({ activeWorkers: 4, trainedWorkers: 4, examsTaken: 0 });
    expect(scopeOf(as('dept-police').actor, 'academy')).toBeNull();
    expect(scopeOf(as('worker-hongshan').actor, 'academy')).toBeNull();
  });
});

describe('changing the syllabus', () => {
  it("is the city's, logged, and the training rule follows the required flag", async () => {
    const w2 = fx.streets[HONGSHAN].workerIds[1];
    await expect(updateCourse(t.db, as('district-xuanwu'), { courseId: course.GW102, required: false }, tick())).rejects.toMatchObject({ code: 'SYLLABUS_CITY_ONLY' });
    await expect(updateCourse(t.db, as('admin'), { courseId: 2 ** 31 - 1, required: false }, tick())).rejects.toMatchObject({ code: 'COURSE_NOT_FOUND' });
    expect((await unmetTrainingRequirements(t.db, w2, new Date(clock))).map((c) => c.code)).toEqual(['GW-101', 'GW-102']);
    await updateCourse(t.db, as('admin'), { courseId: course.GW102, required: false }, tick());
    expect((await unmetTrainingRequirements(t.db, w2, new Date(clock))).map((c) => c.code)).toEqual(['GW-101']);
    const [log] = await t.db.query<{ before: { required: boolean }; after: { required: boolean; passMark: number } }>(
      `SELECT before, after FROM course_change WHERE course_id = $1 AND action = 'updated' ORDER BY id DESC LIMIT 1`,
      [course.GW102],
    );
    expect([log!.before.required, log!.after.required, log!.after.passMark]).toEqual([true, false, 70]);
    await updateCourse(t.db, as('admin'), { courseId: course.GW102, required: true }, tick());
    await expect(t.db.execute('DELETE FROM course_change')).rejects.toThrow(/append-only/);
  });
});
