'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { textIn } from '@/geo/text/localized-text';
import { Outcome, useErrorText } from '@/app/admin/outcome';
import { useTRPC } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';

/**
 * One session: its roster (the enrolled workers of the caller's jurisdiction) with attendance and a score
 * field for the district's managers, and the enrolment form for everyone with the academy. Focus moves to
 * the panel's heading when it opens; Escape closes it. Every outcome is announced (Outcome).
 */
export function SessionPanel({ sessionId, asOf, manages, onClose }: { sessionId: number; asOf: string | undefined; manages: boolean; onClose: () => void }) {
  const t = useTranslations('academy.session');
  const trpc = useTRPC();
  const locale = useLocale();
  const message = useErrorText();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const session = useQuery(trpc.academy.session.queryOptions({ sessionId, asOf }));
  const attend = useMutation(trpc.academy.recordAttendance.mutationOptions());
  const score = useMutation(trpc.academy.recordScore.mutationOptions());
  const [scores, setScores] = useState<Record<number, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => heading.current?.focus(), []);
  const refresh = () => queryClient.invalidateQueries(trpc.academy.pathFilter());
  const run = async (action: () => Promise<string>) => {
    setError(null);
    setDone(null);
    try {
      setDone(await action());
      await refresh();
    } catch (err) {
      setError(message(err));
    }
  };
  const s = session.data;
  return (
    <section className="ga-card" aria-labelledby={titleId} onKeyDown={(e) => e.key === 'Escape' && onClose()} data-testid="academy-session">
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {t('title', { course: s ? `${s.course.code} ${textIn(s.course.name, locale)}` : '…' })}
      </h2>
      <button type="button" className="ga-button" onClick={onClose}>
        {t('close')}
      </button>
      {session.error != null && (
        <p role="alert" className="ga-form-error">
          {message(session.error)}
        </p>
      )}
      {s && s.roster.length === 0 && <p>{t('emptyRoster')}</p>}
      {s && s.roster.length > 0 && (
        <div className="ac-table-wrap">
          <table className="ga-table">
            <caption>{t('roster')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('worker')}</th>
                <th scope="col">{t('community')}</th>
                <th scope="col">{t('attendance')}</th>
                {manages && <th scope="col">{t('score')}</th>}
              </tr>
            </thead>
            <tbody>
              {s.roster.map((r) => (
                <tr key={r.workerId}>
                  <th scope="row">{r.name}</th>
                  <td>{r.communityCode}</td>
                  <td>
                    <div className="ac-actions">
                      <span>{r.present === null ? t('unrecorded') : r.present ? t('present') : t('absent')}</span>
                      {manages && (
                        <>
                          <button type="button" className="ga-button" disabled={!hydrated || attend.isPending} onClick={() => run(async () => {
                            await attend.mutateAsync({ sessionId, workerId: r.workerId, present: true });
                            return t('attendanceDone', { name: r.name });
                          })}>
                            {t('markPresent')}
                            <span className="ga-visually-hidden">：{r.name}</span>
                          </button>
                          <button type="button" className="ga-button" disabled={!hydrated || attend.isPending} onClick={() => run(async () => {
                            await attend.mutateAsync({ sessionId, workerId: r.workerId, present: false });
                            return t('attendanceDone', { name: r.name });
                          })}>
                            {t('markAbsent')}
                            <span className="ga-visually-hidden">：{r.name}</span>
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                  {manages && (
                    <td>
                      <form className="ac-actions" onSubmit={(e: FormEvent) => {
                        e.preventDefault();
                        void run(async () => {
                          const res = await score.mutateAsync({ workerId: r.workerId, courseId: s.course.id, sessionId, score: Number(scores[r.workerId]) });
                          return t('scoreDone', { name: r.name, result: `${scores[r.workerId]} · ${res.passed ? t('passed') : t('failed')}` });
                        });
                      }}>
                        <label>
                          <span className="ga-visually-hidden">{t('score')}：{r.name}</span>
                          <input className="ac-score" type="number" required min={0} max={100} step={0.1} value={scores[r.workerId] ?? ''} onChange={(e) => setScores({ ...scores, [r.workerId]: e.target.value })} />
                        </label>
                        <button type="submit" className="ga-button" disabled={!hydrated || score.isPending}>
                          {t('recordScore')}
                          <span className="ga-visually-hidden">：{r.name}</span>
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Outcome error={error} done={done} />
      {s && <EnrolForm sessionId={sessionId} areaCode={s.areaCode} asOf={asOf} />}
    </section>
  );
}

function EnrolForm({ sessionId, areaCode, asOf }: { sessionId: number; areaCode: string | null; asOf: string | undefined }) {
  const t = useTranslations('academy.enrol');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const message = useErrorText();
  const hydrated = useHydrated();
  const streets = useQuery(trpc.academy.streets.queryOptions());
  // Only the streets whose workers the session is for.
  const open = (streets.data ?? []).filter((s) => areaCode === null || s.code.startsWith(areaCode));
  const [streetId, setStreetId] = useState<number | null>(null);
  const street = open.find((s) => s.id === streetId) ?? (open.length === 1 ? open[0]! : null);
  const workers = useQuery({ ...trpc.academy.workers.queryOptions({ streetId: street?.id ?? 1, asOf }), enabled: !!street });
  const [workerId, setWorkerId] = useState('');
  const enrol = useMutation(trpc.academy.enrol.mutationOptions());
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { title: useId(), street: useId(), worker: useId() };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!workerId) return;
    setError(null);
    setDone(null);
    const name = workers.data?.find((w) => w.id === Number(workerId))?.name ?? workerId;
    try {
      await enrol.mutateAsync({ sessionId, workerId: Number(workerId) });
      setDone(t('done', { name }));
      await queryClient.invalidateQueries(trpc.academy.pathFilter());
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <form className="ac-form" aria-labelledby={ids.title} onSubmit={submit}>
      <h3 id={ids.title}>{t('title')}</h3>
      <div className="ga-form-row">
        <label className="ga-field" htmlFor={ids.street}>
          {t('street')}
          <select id={ids.street} value={street?.id ?? ''} onChange={(e) => setStreetId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('chooseStreet')}</option>
            {open.map((s) => (
              <option key={s.id} value={s.id}>
                {s.districtName} · {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="ga-field" htmlFor={ids.worker}>
          {t('worker')}
          <select id={ids.worker} required value={workerId} onChange={(e) => setWorkerId(e.target.value)}>
            <option value="">{t('chooseWorker')}</option>
            {(workers.data ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {t('standing', { name: w.name, passed: w.requiredPassed, total: w.requiredTotal })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="submit" className="ga-button" disabled={!hydrated || enrol.isPending || !workerId}>
        {t('submit')}
      </button>
      <Outcome error={error} done={done} />
    </form>
  );
}
