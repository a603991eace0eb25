/**
 * The syllabus (课程体系): the city's courses, with hours, pass mark and whether the training rule requires
 * them (必修). Security: anyone with 'academy' reads it; only a city-wide 'academy_manage' (the city's
 * administrator) adds a course. Every addition is logged in course_change with who and when.
 */
import type { LocalizedText } from '@/geo/text/localized-text';
import { denied } from '../auth/authorize';
import type { Db, Executor } from '../db';
import { AcademyError } from './errors';
import { scopeFor, type Who } from './scope';

export interface Course {
  id: number;
  code: string;
  name: LocalizedText;
  hours: number;
  passMark: number;
  required: boolean;
  syllabus: string;
  /** Sessions scheduled, ever. */
  sessions: number;
}

export async function listCourses(db: Executor, at: Date): Promise<Course[]> {
  const rows = await db.query<{ id: number; code: string; name_zh: string; name_en: string; hours: number; pass_mark: number; required: boolean; syllabus: string; sessions: number }>(
    `SELECT c.id, c.code, c.name_zh, c.name_en, c.hours::float8 AS hours, c.pass_mark::float8 AS pass_mark, c.required, c.syllabus,
            (SELECT count(*)::int FROM course_session s WHERE s.course_id = c.id) AS sessions
       FROM course c WHERE c.created_at <= $1 ORDER BY c.required DESC, c.code`,
    [at],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: { 'zh-CN': r.name_zh, en: r.name_en },
    hours: Number(r.hours),
    passMark: Number(r.pass_mark),
    required: r.required,
    syllabus: r.syllabus,
    sessions: r.sessions,
  }));
}

export interface CourseInput {
  code: string;
  nameZh: string;
  nameEn: string;
  hours: number;
  passMark: number;
  required: boolean;
  syllabus?: string;
}

export async function createCourse(db: Db | Executor, who: Who, input: CourseInput, at: Date): Promise<{ courseId: number }> {
  const target = 'academy.createCourse';
  const scope = await scopeFor(db, who, 'academy_manage', target);
  if (!scope.all) throw await denied(db, who.actor, target, new AcademyError('SYLLABUS_CITY_ONLY'), who.address);
  return db.transaction(async (tx) => {
    const [dup] = await tx.query('SELECT 1 FROM course WHERE code = $1', [input.code]);
    if (dup) throw new AcademyError('COURSE_CODE_TAKEN', input.code);
    const fields = { code: input.code, nameZh: input.nameZh.trim(), nameEn: input.nameEn.trim(), hours: input.hours, passMark: input.passMark, required: input.required, syllabus: (input.syllabus ?? '').trim() };
    const [c] = await tx.query<{ id: number }>(
      `INSERT INTO course (code, name_zh, name_en, hours, pass_mark, required, syllabus, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [fields.code, fields.nameZh, fields.nameEn, fields.hours, fields.passMark, fields.required, fields.syllabus, at, who.actor.userId || null],
    );
    await tx.execute(`INSERT INTO course_change (course_id, action, before, after, at, by_user) VALUES ($1, 'created', NULL, $2::jsonb, $3, $4)`, [
      c!.id,
      JSON.stringify(fields),
      at,
      who.actor.userId || null,
    ]);
    return { courseId: c!.id };
  });
}

export interface CourseChange {
  courseId: number;
  nameZh?: string;
  nameEn?: string;
  hours?: number;
  passMark?: number;
  required?: boolean;
  syllabus?: string;
}

/**
 * Changes a course of the syllabus (the city's administrator): its names, hours, outline, pass mark (for
 * results recorded from now; each earlier result keeps its own) or whether it is required (the training
 * rule reads today's flag). Logged with the fields before and after, who and when.
 */
export async function updateCourse(db: Db | Executor, who: Who, input: CourseChange, at: Date): Promise<{ courseId: number }> {
  const target = 'academy.updateCourse';
  const scope = await scopeFor(db, who, 'academy_manage', target);
  if (!scope.all) throw await denied(db, who.actor, target, new AcademyError('SYLLABUS_CITY_ONLY'), who.address);
  return db.transaction(async (tx) => {
    const [c] = await tx.query<{ code: string; name_zh: string; name_en: string; hours: number; pass_mark: number; required: boolean; syllabus: string }>(
      'SELECT code, name_zh, name_en, hours::float8 AS hours, pass_mark::float8 AS pass_mark, required, syllabus FROM course WHERE id = $1::int AND created_at <= $2 FOR UPDATE',
      [input.courseId, at],
    );
    if (!c) throw new AcademyError('COURSE_NOT_FOUND', String(input.courseId));
    const before = { code: c.code, nameZh: c.name_zh, nameEn: c.name_en, hours: Number(c.hours), passMark: Number(c.pass_mark), required: c.required, syllabus: c.syllabus };
    const after = {
      ...before,
      ...(input.nameZh !== undefined && { nameZh: input.nameZh.trim() }),
      ...(input.nameEn !== undefined && { nameEn: input.nameEn.trim() }),
      ...(input.hours !== undefined && { hours: input.hours }),
      ...(input.passMark !== undefined && { passMark: input.passMark }),
      ...(input.required !== undefined && { required: input.required }),
      ...(input.syllabus !== undefined && { syllabus: input.syllabus.trim() }),
    };
    await tx.execute('UPDATE course SET name_zh = $2, name_en = $3, hours = $4, pass_mark = $5, required = $6, syllabus = $7 WHERE id = $1', [
      input.courseId, after.nameZh, after.nameEn, after.hours, after.passMark, after.required, after.syllabus,
    ]);
    await tx.execute(`INSERT INTO course_change (course_id, action, before, after, at, by_user) VALUES ($1, 'updated', $2::jsonb, $3::jsonb, $4, $5)`, [
      input.courseId, JSON.stringify(before), JSON.stringify(after), at, who.actor.userId || null,
    ]);
    return { courseId: input.courseId };
  });
}
