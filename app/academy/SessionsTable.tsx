'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { textIn } from '@/geo/text/localized-text';
import { Outcome, useErrorText } from '@/app/admin/outcome';
import { useTRPC } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';
import type { Course } from '@/server/academy/courses';

/** The sessions the caller's scope reaches (the city's and their district's), newest first; the form to schedule one. */
export function SessionsTable({
  asOf,
  courses,
  manages,
  openSession,
  onOpen,
}: {
  asOf: string | undefined;
  courses: Course[];
  manages: boolean;
  openSession: number | null;
  onOpen: (id: number) => void;
}) {
  const t = useTranslations('academy.sessions');
  const trpc = useTRPC();
  const locale = useLocale();
  const format = useFormatter();
  const message = useErrorText();
  const sessions = useQuery(trpc.academy.sessions.queryOptions({ asOf }));
  const when = (a: Date, b: Date) => `${format.dateTime(a, { dateStyle: 'medium', timeStyle: 'short' })} – ${format.dateTime(b, { timeStyle: 'short' })}`;
  return (
    <section className="ga-card" aria-labelledby="ac-sessions-title" data-testid="academy-sessions">
      <h2 id="ac-sessions-title">{t('title')}</h2>
      {sessions.error != null && (
        <p role="alert" className="ga-form-error">
          {message(sessions.error)}
        </p>
      )}
      {sessions.data && sessions.data.length === 0 && <p>{t('empty')}</p>}
      {sessions.data && sessions.data.length > 0 && (
        <div className="ac-table-wrap">
          <table className="ga-table">
            <caption>{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('course')}</th>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('place')}</th>
                <th scope="col">{t('teacher')}</th>
                <th scope="col">{t('area')}</th>
                <th scope="col">{t('enrolled')}</th>
                <th scope="col">
                  <span className="ga-visually-hidden">{t('open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.course.code} {textIn(s.course.name, locale)}
                  </th>
                  <td>{when(s.startsAt, s.endsAt)}</td>
                  <td>{[s.online ? t('online') : null, s.place].filter(Boolean).join(' · ')}</td>
                  <td>{s.teacher}</td>
                  <td>{s.areaName ?? t('city')}</td>
                  <td className="ac-number">
                    {format.number(s.enrolled)}
                    {s.capacity !== null && ` / ${format.number(s.capacity)}`}
                  </td>
                  <td>
                    <button type="button" className="ga-button" aria-expanded={openSession === s.id} onClick={() => onOpen(s.id)}>
                      {t('open')}
                      <span className="ga-visually-hidden">：{s.course.code} {when(s.startsAt, s.endsAt)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manages && courses.length > 0 && <SessionForm courses={courses} />}
    </section>
  );
}

function SessionForm({ courses }: { courses: Course[] }) {
  const t = useTranslations('academy.sessionForm');
  const ts = useTranslations('academy.sessions');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorText();
  const hydrated = useHydrated();
  const streets = useQuery(trpc.academy.streets.queryOptions());
  // The districts the caller's streets lie in (a district code is a street code's first six digits).
  const districts = useMemo(() => {
    const seen = new Map<string, string>();
    for (const s of streets.data ?? []) seen.set(s.code.slice(0, 6), s.districtName);
    return [...seen].map(([code, name]) => ({ code, name }));
  }, [streets.data]);
  const schedule = useMutation(trpc.academy.scheduleSession.mutationOptions());
  const [f, setF] = useState({ courseId: String(courses[0]!.id), area: '', start: '', hours: '3', place: '', online: false, teacher: '', capacity: '' });
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { title: useId(), course: useId(), area: useId(), start: useId(), hours: useId(), place: useId(), online: useId(), teacher: useId(), cap: useId() };
  const area = f.area || districts[0]?.code || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    const startsAt = new Date(f.start);
    try {
      await schedule.mutateAsync({
        courseId: Number(f.courseId),
        areaCode: area === 'city' ? null : area,
        startsAt,
        endsAt: new Date(startsAt.getTime() + Number(f.hours) * 3_600_000),
        place: f.place.trim() || null,
        online: f.online,
        teacher: f.teacher,
        capacity: f.capacity ? Number(f.capacity) : null,
      });
      setDone(t('done'));
      await queryClient.invalidateQueries(trpc.academy.sessions.pathFilter());
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <form className="ac-form" aria-labelledby={ids.title} onSubmit={submit}>
      <h3 id={ids.title}>{t('title')}</h3>
      <div className="ga-form-row">
        <label className="ga-field" htmlFor={ids.course}>
          {t('course')}
          <select id={ids.course} value={f.courseId} onChange={(e) => setF({ ...f, courseId: e.target.value })}>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.code} {textIn(c.name, locale)}
              </option>
            ))}
          </select>
        </label>
        <label className="ga-field" htmlFor={ids.area}>
          {t('area')}
          <select id={ids.area} value={area} onChange={(e) => setF({ ...f, area: e.target.value })}>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
            <option value="city">{ts('city')}</option>
          </select>
        </label>
        <label className="ga-field" htmlFor={ids.start}>
          {t('start')}
          <input id={ids.start} type="datetime-local" required value={f.start} onChange={(e) => setF({ ...f, start: e.target.value })} />
        </label>
        <label className="ga-field" htmlFor={ids.hours}>
          {t('hours')}
          <input id={ids.hours} type="number" required min={0.5} max={12} step={0.5} value={f.hours} onChange={(e) => setF({ ...f, hours: e.target.value })} />
        </label>
        <label className="ga-field" htmlFor={ids.place}>
          {t('place')}
          <input id={ids.place} maxLength={200} required={!f.online} value={f.place} onChange={(e) => setF({ ...f, place: e.target.value })} />
        </label>
        <label className="ga-field" htmlFor={ids.online}>
          <span>
            <input id={ids.online} type="checkbox" checked={f.online} onChange={(e) => setF({ ...f, online: e.target.checked })} /> {t('online')}
          </span>
        </label>
        <label className="ga-field" htmlFor={ids.teacher}>
          {t('teacher')}
          <input id={ids.teacher} required maxLength={60} value={f.teacher} onChange={(e) => setF({ ...f, teacher: e.target.value })} />
        </label>
        <label className="ga-field" htmlFor={ids.cap}>
          {t('capacity')}
          <input id={ids.cap} type="number" min={1} max={10000} value={f.capacity} onChange={(e) => setF({ ...f, capacity: e.target.value })} />
        </label>
      </div>
      <button type="submit" className="ga-button" disabled={!hydrated || schedule.isPending}>
        {t('submit')}
      </button>
      <Outcome error={error} done={done} />
    </form>
  );
}
