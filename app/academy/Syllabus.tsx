'use client';

import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { textIn } from '@/geo/text/localized-text';
import { Outcome, useErrorText } from '@/app/admin/outcome';
import { useTRPC } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';
import type { Course } from '@/server/academy/courses';

/** The syllabus: every course with its hours, pass mark and kind; the city's administrators add to it. */
export function Syllabus({ query, managesSyllabus }: { query: UseQueryResult<Course[], unknown>; managesSyllabus: boolean }) {
  const t = useTranslations('academy.courses');
  const locale = useLocale();
  const format = useFormatter();
  const message = useErrorText();
  return (
    <section className="ga-card" aria-labelledby="ac-courses-title" data-testid="academy-courses">
      <h2 id="ac-courses-title">{t('title')}</h2>
      {query.error != null && (
        <p role="alert" className="ga-form-error">
          {message(query.error)}
        </p>
      )}
      {query.data && query.data.length === 0 && <p>{t('empty')}</p>}
      {query.data && query.data.length > 0 && (
        <div className="ac-table-wrap">
          <table className="ga-table">
            <caption>{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('code')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('hours')}</th>
                <th scope="col">{t('passMark')}</th>
                <th scope="col">{t('syllabus')}</th>
                {managesSyllabus && (
                  <th scope="col">
                    <span className="ga-visually-hidden">{t('change')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {query.data.map((c) => (
                <tr key={c.id}>
                  <td>{c.code}</td>
                  <th scope="row">{textIn(c.name, locale)}</th>
                  <td>{c.required ? <strong>{t('required')}</strong> : t('elective')}</td>
                  <td className="ac-number">{format.number(c.hours)}</td>
                  <td className="ac-number">{format.number(c.passMark)}</td>
                  <td className="ac-syllabus">{c.syllabus}</td>
                  {managesSyllabus && (
                    <td>
                      <RequiredToggle courseId={c.id} required={c.required} label={`${c.code} ${textIn(c.name, locale)}`} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {managesSyllabus && <CourseForm />}
    </section>
  );
}

/** Makes a course required or elective (the training rule follows at once); the outcome is announced. */
function RequiredToggle({ courseId, required, label }: { courseId: number; required: boolean; label: string }) {
  const t = useTranslations('academy.courses');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorText();
  const hydrated = useHydrated();
  const update = useMutation(trpc.academy.updateCourse.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const toggle = async () => {
    setError(null);
    setDone(null);
    try {
      await update.mutateAsync({ courseId, required: !required });
      setDone(t('changed', { course: label }));
      await queryClient.invalidateQueries(trpc.academy.pathFilter());
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <>
      <button type="button" className="ga-button" disabled={!hydrated || update.isPending} onClick={toggle}>
        {required ? t('makeElective') : t('makeRequired')}
        <span className="ga-visually-hidden">：{label}</span>
      </button>
      <Outcome error={error} done={done} />
    </>
  );
}

function CourseForm() {
  const t = useTranslations('academy.courseForm');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorText();
  const hydrated = useHydrated();
  const create = useMutation(trpc.academy.createCourse.mutationOptions());
  const [f, setF] = useState({ code: '', nameZh: '', nameEn: '', hours: '4', passMark: '60', required: true, syllabus: '' });
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { title: useId(), code: useId(), zh: useId(), en: useId(), hours: useId(), mark: useId(), req: useId(), syl: useId() };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      await create.mutateAsync({ code: f.code.trim(), nameZh: f.nameZh, nameEn: f.nameEn, hours: Number(f.hours), passMark: Number(f.passMark), required: f.required, syllabus: f.syllabus });
      setDone(t('done', { code: f.code.trim() }));
      await queryClient.invalidateQueries(trpc.academy.pathFilter());
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <form className="ac-form" aria-labelledby={ids.title} onSubmit={submit}>
      <h3 id={ids.title}>{t('title')}</h3>
      <div className="ga-form-row">
        <label className="ga-field" htmlFor={ids.code}>
          {t('code')}
          <input id={ids.code} required pattern="[A-Z]{2,4}-[0-9]{3}" value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} />
        </label>
        <label className="ga-field" htmlFor={ids.zh}>
          {t('nameZh')}
          <input id={ids.zh} required maxLength={60} value={f.nameZh} onChange={(e) => setF({ ...f, nameZh: e.target.value })} />
        </label>
        <label className="ga-field" htmlFor={ids.en}>
          {t('nameEn')}
          <input id={ids.en} required maxLength={120} value={f.nameEn} onChange={(e) => setF({ ...f, nameEn: e.target.value })} />
        </label>
        <label className="ga-field" htmlFor={ids.hours}>
          {t('hours')}
          <input id={ids.hours} type="number" required min={0.5} max={200} step={0.5} value={f.hours} onChange={(e) => setF({ ...f, hours: e.target.value })} />
        </label>
        <label className="ga-field" htmlFor={ids.mark}>
          {t('passMark')}
          <input id={ids.mark} type="number" required min={0} max={100} step={0.1} value={f.passMark} onChange={(e) => setF({ ...f, passMark: e.target.value })} />
        </label>
        <label className="ga-field" htmlFor={ids.req}>
          <span>
            <input id={ids.req} type="checkbox" checked={f.required} onChange={(e) => setF({ ...f, required: e.target.checked })} /> {t('required')}
          </span>
        </label>
      </div>
      <label className="ga-field" htmlFor={ids.syl}>
        {t('syllabus')}
        <textarea id={ids.syl} maxLength={2000} rows={2} value={f.syllabus} onChange={(e) => setF({ ...f, syllabus: e.target.value })} />
      </label>
      <button type="submit" className="ga-button" disabled={!hydrated || create.isPending}>
        {t('submit')}
      </button>
      <Outcome error={error} done={done} />
    </form>
  );
}
