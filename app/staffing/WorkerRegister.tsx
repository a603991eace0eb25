'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { GridStaffingStatus } from '@/geo/staffing/compliance';
import { LEAVING_REASONS, mayTakeGrid, nextStages, type LeavingReason, type WorkerStage } from '@/geo/staffing/worker-stages';
import { Outcome, useErrorText } from '@/app/admin/outcome';
import { useTRPC } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';
import type { StaffingWorker } from '@/server/data/staffing';

type Open = { kind: 'stage' | 'assign' | 'history'; workerId: number } | null;

/** After any change the figures, the map's colours and the register are read again. */
function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.staffing.pathFilter());
}

/**
 * The street's register: each worker's employment, source, stage and grids, and (for the street's
 * operators) the forms to change a stage and to assign or move a grid, opened one at a time under the
 * table; focus goes to the form and back to its button when it closes.
 */
export function WorkerRegister({
  street,
  asOf,
  manages,
  grids,
}: {
  street: { id: number; name: string };
  asOf: string | undefined;
  manages: boolean;
  grids: { code: string; name: string; status: GridStaffingStatus }[];
}) {
  const t = useTranslations('staffing');
  const format = useFormatter();
  const trpc = useTRPC();
  const message = useErrorText();
  const workers = useQuery(trpc.staffing.workers.queryOptions({ streetId: street.id, asOf }));
  const [open, setOpen] = useState<Open>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const close = () => {
    setOpen(null);
    opener.current?.focus();
  };
  const toggle = (next: NonNullable<Open>, button: HTMLButtonElement) => {
    opener.current = button;
    setOpen((o) => (o && o.kind === next.kind && o.workerId === next.workerId ? null : next));
  };
  const chosen = open ? workers.data?.find((w) => w.id === open.workerId) : undefined;
  const stageName = (s: WorkerStage | null) => t(`stages.${s ?? 'none'}`);
  return (
    <section className="ga-card" aria-labelledby="sf-workers-title" data-testid="staffing-workers">
      <h2 id="sf-workers-title">{t('workers.title')}</h2>
      {workers.error && (
        <p role="alert" className="ga-form-error">
          {message(workers.error)}
        </p>
      )}
      {workers.isPending && <p role="status">{t('workers.loading')}</p>}
      {workers.data && workers.data.length === 0 && <p className="ga-muted">{t('workers.empty')}</p>}
      {workers.data && workers.data.length > 0 && (
        <div className="sf-table-wrap">
          <table className="ga-table">
            <caption>{t('workers.caption', { street: street.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workers.name')}</th>
                <th scope="col">{t('workers.community')}</th>
                <th scope="col">{t('workers.employment')}</th>
                <th scope="col">{t('workers.source')}</th>
                <th scope="col">{t('workers.stage')}</th>
                <th scope="col">{t('workers.grids')}</th>
                <th scope="col">{t('workers.assessment')}</th>
                <th scope="col">{t('workers.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {workers.data.map((w) => (
                <tr key={w.id} data-worker={w.id}>
                  <th scope="row">{w.name}</th>
                  <td>{w.community.name}</td>
                  <td>{t(`employment.${w.employment}`)}</td>
                  <td>{t(`sources.${w.recruitmentSource ?? 'none'}`)}</td>
                  <td>
                    {stageName(w.stage)}
                    {w.stageSince && (
                      <span className="ga-muted ga-small">
                        {' '}
                        · {t('workers.since')} {format.dateTime(new Date(w.stageSince), { dateStyle: 'medium' })}
                      </span>
                    )}
                  </td>
                  <td>{w.grids.length === 0 ? <span className="ga-muted">{t('workers.noGrids')}</span> : w.grids.map((g) => g.name).join('、')}</td>
                  <td>{w.lastAssessment ? `${w.lastAssessment.period} ${t(`results.${w.lastAssessment.result as 'competent'}`)}` : '—'}</td>
                  <td>
                    <div className="sf-row-actions">
                      {manages && (
                        <>
                          <button type="button" className="ga-button" aria-expanded={open?.kind === 'stage' && open.workerId === w.id} onClick={(e) => toggle({ kind: 'stage', workerId: w.id }, e.currentTarget)}>
                            {t('workers.changeStage')}
                            <span className="ga-visually-hidden">：{w.name}</span>
                          </button>
                          {mayTakeGrid(w.stage) && (
                            <button type="button" className="ga-button" aria-expanded={open?.kind === 'assign' && open.workerId === w.id} onClick={(e) => toggle({ kind: 'assign', workerId: w.id }, e.currentTarget)}>
                              {t('workers.assign')}
                              <span className="ga-visually-hidden">：{w.name}</span>
                            </button>
                          )}
                        </>
                      )}
                      <button type="button" className="ga-button" aria-expanded={open?.kind === 'history' && open.workerId === w.id} onClick={(e) => toggle({ kind: 'history', workerId: w.id }, e.currentTarget)}>
                        {t('workers.history')}
                        <span className="ga-visually-hidden">：{w.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen && open?.kind === 'stage' && <StageForm key={`s${chosen.id}`} worker={chosen} onClose={close} />}
      {chosen && open?.kind === 'assign' && <AssignForm key={`a${chosen.id}`} worker={chosen} grids={grids} onClose={close} />}
      {chosen && open?.kind === 'history' && <History key={`h${chosen.id}`} worker={chosen} asOf={asOf} onClose={close} />}
    </section>
  );
}

function StageForm({ worker, onClose }: { worker: StaffingWorker; onClose: () => void }) {
  const t = useTranslations('staffing');
  const trpc = useTRPC();
  const refresh = useRefresh();
  const message = useErrorText();
  const change = useMutation(trpc.staffing.changeStage.mutationOptions());
  // A native submit before React runs would only reload the page.
  const hydrated = useHydrated();
  const moves = nextStages(worker.stage);
  const [to, setTo] = useState<WorkerStage | ''>(moves[0] ?? '');
  const [reason, setReason] = useState<LeavingReason | ''>('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { title: useId(), to: useId(), reason: useId(), note: useId() };
  const leaving = to === 'leaving' || to === 'left';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!to) return;
    setError(null);
    setDone(null);
    try {
      const r = await change.mutateAsync({ workerId: worker.id, fromStage: worker.stage, toStage: to, leavingReason: leaving ? reason || null : null, note });
      // The register first, then the outcome: a next change sent from this form starts from the new stage.
      await refresh();
      setDone([t('stageForm.done', { stage: t(`stages.${r.stage}`) }), r.endedGrids.length ? t('stageForm.ended', { grids: r.endedGrids.join('、') }) : ''].join(' '));
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <form className="sf-form" aria-labelledby={ids.title} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h3 id={ids.title}>{t('stageForm.title', { name: worker.name })}</h3>
      <p>{t('stageForm.current', { stage: t(`stages.${worker.stage ?? 'none'}`) })}</p>
      {moves.length === 0 ? (
        <p>{t('stageForm.noMoves')}</p>
      ) : (
        <div className="ga-form-row">
          <label className="ga-field" htmlFor={ids.to}>
            {t('stageForm.to')}
            {/* The form opens on its first choice: a keyboard user lands on it. */}
            <select id={ids.to} autoFocus value={to} onChange={(e) => setTo(e.target.value as WorkerStage)}>
              {moves.map((s) => (
                <option key={s} value={s}>
                  {t(`stages.${s}`)}
                </option>
              ))}
            </select>
          </label>
          {leaving && (
            <label className="ga-field" htmlFor={ids.reason}>
              {t('stageForm.reason')}
              <select id={ids.reason} required value={reason} onChange={(e) => setReason(e.target.value as LeavingReason)}>
                <option value="">{t('stageForm.chooseReason')}</option>
                {LEAVING_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`reasons.${r}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="ga-field" htmlFor={ids.note}>
            {t('stageForm.note')}
            <input id={ids.note} maxLength={500} required={reason === 'other'} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        </div>
      )}
      <div className="ga-card-actions">
        {moves.length > 0 && (
          <button type="submit" className="ga-primary" disabled={!hydrated || change.isPending}>
            {t('stageForm.submit')}
          </button>
        )}
        <button type="button" className="ga-secondary" onClick={onClose}>
          {t('stageForm.cancel')}
        </button>
      </div>
      <Outcome error={error} done={done} />
    </form>
  );
}

function AssignForm({ worker, grids, onClose }: { worker: StaffingWorker; grids: { code: string; name: string; status: GridStaffingStatus }[]; onClose: () => void }) {
  const t = useTranslations('staffing');
  const trpc = useTRPC();
  const refresh = useRefresh();
  const message = useErrorText();
  const assign = useMutation(trpc.staffing.assign.mutationOptions());
  const hydrated = useHydrated();
  const held = new Set(worker.grids.map((g) => g.code));
  const choices = grids.filter((g) => !held.has(g.code) && g.status !== 'dedicated');
  const [grid, setGrid] = useState('');
  const [from, setFrom] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { title: useId(), grid: useId(), from: useId() };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!grid) return;
    setError(null);
    setDone(null);
    try {
      const r = await assign.mutateAsync({ workerId: worker.id, gridCode: grid, fromGridCode: from || null });
      setDone(t('assignForm.done', { grid: grids.find((g) => g.code === r.gridCode)?.name ?? r.gridCode }));
      await refresh();
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <form className="sf-form" aria-labelledby={ids.title} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h3 id={ids.title}>{t('assignForm.title', { name: worker.name })}</h3>
      <div className="ga-form-row">
        <label className="ga-field" htmlFor={ids.grid}>
          {t('assignForm.grid')}
          <select id={ids.grid} autoFocus required value={grid} onChange={(e) => setGrid(e.target.value)}>
            <option value="">{t('assignForm.chooseGrid')}</option>
            {/* Vacant grids first, then those without a full-time worker: the ones to fill. */}
            {[...choices]
              .sort((a, b) => rank(a.status) - rank(b.status) || a.code.localeCompare(b.code))
              .map((g) => (
                <option key={g.code} value={g.code}>
                  {g.name}（{t(`status.${g.status}`)}）
                </option>
              ))}
          </select>
        </label>
        {worker.grids.length > 0 && (
          <label className="ga-field" htmlFor={ids.from}>
            {t('assignForm.from')}
            <select id={ids.from} value={from} onChange={(e) => setFrom(e.target.value)}>
              <option value="">{t('assignForm.keep')}</option>
              {worker.grids.map((g) => (
                <option key={g.code} value={g.code}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="ga-card-actions">
        <button type="submit" className="ga-primary" disabled={!hydrated || assign.isPending}>
          {t('assignForm.submit')}
        </button>
        <button type="button" className="ga-secondary" onClick={onClose}>
          {t('stageForm.cancel')}
        </button>
      </div>
      <Outcome error={error} done={done} />
    </form>
  );
}

const rank = (s: GridStaffingStatus) => ({ vacant: 0, no_full_time: 1, ok: 2, dedicated: 3 })[s];

function History({ worker, asOf, onClose }: { worker: StaffingWorker; asOf: string | undefined; onClose: () => void }) {
  const t = useTranslations('staffing');
  const format = useFormatter();
  const trpc = useTRPC();
  const message = useErrorText();
  const record = useQuery(trpc.staffing.worker.queryOptions({ workerId: worker.id, asOf }));
  const titleId = useId();
  const when = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: 'medium' });
  const stage = (s: string | null) => t(`stages.${(s ?? 'none') as WorkerStage}`);
  return (
    <section className="sf-form" aria-labelledby={titleId} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h3 id={titleId}>{t('history.title', { name: worker.name })}</h3>
      {record.error && (
        <p role="alert" className="ga-form-error">
          {message(record.error)}
        </p>
      )}
      {record.isPending && <p role="status">{t('history.loading')}</p>}
      {record.data && (
        <>
          <ol className="sf-history">
            {record.data.events.map((e) => (
              <li key={e.id}>
                <time dateTime={new Date(e.at).toISOString()}>{when(e.at)}</time>{' '}
                {e.kind === 'stage'
                  ? t('history.stageEvent', { from: stage(e.fromStage), to: stage(e.toStage) })
                  : t('history.assessmentEvent', { period: e.period ?? '', result: t(`results.${e.result as 'competent'}`) })}
                {e.leavingReason && `（${t(`reasons.${e.leavingReason as LeavingReason}`)}）`}
                {e.note && ` · ${e.note}`}
                {e.by && <span className="ga-muted ga-small"> · {t('history.by', { by: e.by })}</span>}
              </li>
            ))}
          </ol>
          <h4>{t('history.assignments')}</h4>
          <ul className="sf-history">
            {record.data.assignments.map((a) => (
              <li key={`${a.gridCode}-${new Date(a.validFrom).toISOString()}`}>
                {a.gridName}：{a.validTo ? t('history.periodEnded', { from: when(a.validFrom), to: when(a.validTo) }) : t('history.period', { from: when(a.validFrom) })}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="ga-secondary" autoFocus onClick={onClose}>
        {t('history.close')}
      </button>
    </section>
  );
}

/** Recruiting (录用) into one of the street's communities: the worker's record and its first stage. */
export function RecruitForm({ streetCode, asOf }: { streetCode: string; asOf: string | undefined }) {
  const t = useTranslations('staffing');
  const trpc = useTRPC();
  const refresh = useRefresh();
  const message = useErrorText();
  const communities = useQuery(trpc.staffing.compliance.queryOptions({ level: 'community', withinCode: streetCode, asOf }));
  const recruit = useMutation(trpc.staffing.recruit.mutationOptions());
  const hydrated = useHydrated();
  const [name, setName] = useState('');
  const [community, setCommunity] = useState('');
  const [employment, setEmployment] = useState<'full_time' | 'part_time'>('full_time');
  const [source, setSource] = useState<'community_cadre' | 'social_worker_transfer' | 'open_recruitment'>('open_recruitment');
  const [phone, setPhone] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { name: useId(), community: useId(), employment: useId(), source: useId(), phone: useId() };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      await recruit.mutateAsync({ communityCode: community, name, employment, recruitmentSource: source, phone: phone || undefined });
      setDone(t('recruitForm.done', { name }));
      setName('');
      setPhone('');
      await refresh();
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <section className="ga-card" aria-labelledby="sf-recruit-title">
      <h2 id="sf-recruit-title">{t('recruitForm.title')}</h2>
      <form onSubmit={submit}>
        <div className="ga-form-row">
          <label className="ga-field" htmlFor={ids.name}>
            {t('recruitForm.name')}
            <input id={ids.name} required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="ga-field" htmlFor={ids.community}>
            {t('recruitForm.community')}
            <select id={ids.community} required value={community} onChange={(e) => setCommunity(e.target.value)}>
              <option value="">{t('recruitForm.chooseCommunity')}</option>
              {communities.data?.rows.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="ga-field" htmlFor={ids.employment}>
            {t('workers.employment')}
            <select id={ids.employment} value={employment} onChange={(e) => setEmployment(e.target.value as typeof employment)}>
              <option value="full_time">{t('employment.full_time')}</option>
              <option value="part_time">{t('employment.part_time')}</option>
            </select>
          </label>
          <label className="ga-field" htmlFor={ids.source}>
            {t('workers.source')}
            <select id={ids.source} value={source} onChange={(e) => setSource(e.target.value as typeof source)}>
              <option value="community_cadre">{t('sources.community_cadre')}</option>
              <option value="social_worker_transfer">{t('sources.social_worker_transfer')}</option>
              <option value="open_recruitment">{t('sources.open_recruitment')}</option>
            </select>
          </label>
          <label className="ga-field" htmlFor={ids.phone}>
            {t('recruitForm.phone')}
            <input id={ids.phone} type="tel" maxLength={30} pattern="[0-9+() \-]*" value={phone} onChange={(e) => setPhone(e.target.value)} />
          </label>
        </div>
        <div className="ga-card-actions">
          <button type="submit" className="ga-primary" disabled={!hydrated || recruit.isPending}>
            {t('recruitForm.submit')}
          </button>
        </div>
        <Outcome error={error} done={done} />
      </form>
    </section>
  );
}
