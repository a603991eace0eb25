/**
 * The grid academy (网格学院): the syllabus, sessions, enrolment, attendance, exam scores, a worker's
 * record and the district figures. Thin: each procedure validates its input and calls one service
 * function. Changes are made at the request's moment; reads take an optional "as of" day.
 */
import { z } from 'zod';
import { createCourse, listCourses, updateCourse } from '../academy/courses';
import { recordScore } from '../academy/exams';
import { districtAcademyFigures } from '../academy/figures';
import { streetTrainees, workerAcademyRecord } from '../academy/records';
import { enrolWorker, listSessions, recordAttendance, scheduleSession, sessionDetail } from '../academy/sessions';
import { scopePatterns } from '../auth/policy';
import { listStreets } from '../data/territory';
import { procedure, router, scopedProcedure } from '../trpc';
import { asOfMoment, chinaDay, lineText, multiLineText, serialId } from './inputs';

const asOf = { asOf: chinaDay.optional() };
/** 0–100 in tenths, as numeric(5, 1) holds it. */
const mark = z.number().min(0).max(100).multipleOf(0.1);
const moment = z.coerce.date().refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100, { message: '2000–2100' });

export const academyRouter = router({
  /** The streets of the caller's academy scope (to pick whose workers to enrol; their districts, to schedule for). */
  streets: procedure.query(({ ctx }) => listStreets(ctx.db, scopePatterns(ctx.scope!))),
  courses: procedure.input(z.object({ ...asOf }).strict().optional()).query(({ ctx, input }) => listCourses(ctx.db, asOfMoment(input?.asOf, ctx.at))),
  createCourse: procedure
    .input(
      z
        .object({
          code: z.string().regex(/^[A-Z]{2,4}-[0-9]{3}$/),
          nameZh: lineText(60).pipe(z.string().trim().min(1)),
          nameEn: lineText(120).pipe(z.string().trim().min(1)),
          hours: z.number().positive().max(200).multipleOf(0.5),
          passMark: mark,
          required: z.boolean(),
          syllabus: multiLineText(2000).optional(),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => createCourse(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
  updateCourse: procedure
    .input(
      z
        .object({
          courseId: serialId,
          nameZh: lineText(60).pipe(z.string().trim().min(1)).optional(),
          nameEn: lineText(120).pipe(z.string().trim().min(1)).optional(),
          hours: z.number().positive().max(200).multipleOf(0.5).optional(),
          passMark: mark.optional(),
          required: z.boolean().optional(),
          syllabus: multiLineText(2000).optional(),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => updateCourse(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
  sessions: procedure
    .input(z.object({ courseId: serialId.optional(), ...asOf }).strict())
    .query(({ ctx, input }) => listSessions(ctx.db, ctx.scope!, input, asOfMoment(input.asOf, ctx.at))),
  session: procedure
    .input(z.object({ sessionId: serialId, ...asOf }).strict())
    .query(({ ctx, input }) => sessionDetail(ctx.db, { actor: ctx.actor, address: ctx.address }, input.sessionId, asOfMoment(input.asOf, ctx.at))),
  scheduleSession: procedure
    .input(
      z
        .object({
          courseId: serialId,
          areaCode: z.string().regex(/^[0-9]{6}$/).nullable(),
          startsAt: moment,
          endsAt: moment,
          place: lineText(200).nullable(),
          online: z.boolean(),
          teacher: lineText(60).pipe(z.string().trim().min(1)),
          capacity: z.number().int().positive().max(10_000).nullable(),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => scheduleSession(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
  enrol: procedure
    .input(z.object({ sessionId: serialId, workerId: serialId }).strict())
    .mutation(({ ctx, input }) => enrolWorker(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
  recordAttendance: procedure
    .input(z.object({ sessionId: serialId, workerId: serialId, present: z.boolean() }).strict())
    .mutation(({ ctx, input }) => recordAttendance(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
  recordScore: procedure
    .input(z.object({ workerId: serialId, courseId: serialId, sessionId: serialId.nullable().optional(), score: mark }).strict())
    .mutation(({ ctx, input }) => recordScore(ctx.db, { actor: ctx.actor, address: ctx.address }, input, ctx.at)),
  worker: procedure
    .input(z.object({ workerId: serialId, ...asOf }).strict())
    .query(({ ctx, input }) => workerAcademyRecord(ctx.db, { actor: ctx.actor, address: ctx.address }, input.workerId, asOfMoment(input.asOf, ctx.at))),
  /** The street's workers with their training standing (the enrolment form's choices). */
  workers: scopedProcedure(z.object({ streetId: serialId, ...asOf }).strict()).query(({ ctx, input }) =>
    streetTrainees(ctx.db, input.streetId, asOfMoment(input.asOf, ctx.at)),
  ),
  figures: procedure
    .input(z.object({ ...asOf }).strict())
    .query(({ ctx, input }) => districtAcademyFigures(ctx.db, ctx.scope!, asOfMoment(input.asOf, ctx.at))),
});
