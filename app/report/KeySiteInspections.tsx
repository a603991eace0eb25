'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { textIn } from '@/geo/text/localized-text';
import type { InspectionDue } from '@/server/field/inspections';
import { EMPTY_ISSUE, inspectionCounts, ISSUE_NOTE_MAX, okInspection, orderInspections, validateIssue, type InspectionRequest, type IssueDraft, type IssueField, type IssueReason } from './inspection-form';
import { AlertRegion, StatusRegion, useCategories, useFailureText, useIncidentFormat } from './report-client';
import { categoryGroups, SEVERITIES } from './report-form';

type Outcome = { kind: 'ok' } | { kind: 'issue'; code: string | null };

const siteHeadingId = (id: number) => `rp-site-${id}`;
const issueButtonId = (id: number) => `rp-site-${id}-issue`;

/**
 * Key-site inspections (重点场所巡查): the key sites of the worker's grids, overdue first (逾期; a site
 * never inspected says 从未巡查), each with 正常 (recorded at once) and 发现问题 (a note, a category and
 * a severity, filed as a case at the site, whose code is shown).
 */
export function KeySiteInspections() {
  const t = useTranslations('incidents.inspect');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const failureText = useFailureText();
  const ids = useId();
  const [overdueOnly, setOverdueOnly] = useState(false);
  // The list as it was stays while 只看逾期 reads the other one (no empty flash).
  const list = useQuery(trpc.field.inspectionsDue.queryOptions({ overdueOnly, limit: 500 }, { staleTime: 0, refetchOnWindowFocus: true, placeholderData: (previous) => previous }));
  const record = useMutation(trpc.field.recordInspection.mutationOptions());
  const [open, setOpen] = useState<number | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<Readonly<Record<number, Outcome>>>({});
  const [failures, setFailures] = useState<Readonly<Record<number, string>>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [focusSite, setFocusSite] = useState<number | null>(null);

  // After a step the site's line may have moved (it is no longer overdue): the focus follows it.
  useEffect(() => {
    if (focusSite === null || list.isFetching) return;
    // With 只看逾期 an inspected site leaves the list: the focus goes to the list's heading.
    (document.getElementById(siteHeadingId(focusSite)) ?? document.getElementById(`${ids}-title`))?.focus();
    setFocusSite(null);
  }, [focusSite, list.isFetching, ids]);

  /** Records one inspection; false (with the server's words at the site) when refused. */
  async function send(site: InspectionDue, input: InspectionRequest): Promise<boolean> {
    if (busy !== null) return false;
    setBusy(site.keySiteId);
    setStatus(null);
    setFailures(({ [site.keySiteId]: _, ...rest }) => rest);
    try {
      const r = await record.mutateAsync(input);
      let outcome: Outcome = { kind: 'ok' };
      if (input.result === 'issue') {
        // The case filed: its code, as the worker will find it under 我的案件.
        const code = r.incidentId !== null ? await queryClient.fetchQuery(trpc.incidents.get.queryOptions({ id: r.incidentId })).then((c) => c.code, () => null) : null;
        outcome = { kind: 'issue', code };
        void queryClient.invalidateQueries(trpc.incidents.list.pathFilter());
      }
      setOutcomes((o) => ({ ...o, [site.keySiteId]: outcome }));
      setStatus(outcome.kind === 'ok' ? t('doneOk', { name: site.name }) : outcome.code ? t('doneIssue', { name: site.name, code: outcome.code }) : t('doneIssueNoCode', { name: site.name }));
      setOpen(null);
      await queryClient.invalidateQueries(trpc.field.inspectionsDue.pathFilter());
      setFocusSite(site.keySiteId);
      return true;
    } catch (err) {
      setFailures((f) => ({ ...f, [site.keySiteId]: failureText(err).text }));
      return false;
    } finally {
      setBusy(null);
    }
  }

  const sites = orderInspections(list.data ?? []);
  const counts = inspectionCounts(sites);

  return (
    <section className="rp-cases rp-inspect" aria-labelledby={`${ids}-title`}>
      <div className="rp-cases-head">
        <h2 id={`${ids}-title`} tabIndex={-1}>
          {t('title')}
        </h2>
        <button type="button" className="ga-secondary rp-button" onClick={() => void list.refetch()} disabled={list.isFetching}>
          {t('refresh')}
        </button>
      </div>
      <label className="rp-check">
        <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
        <span>{t('overdueOnly')}</span>
      </label>
      <p className="rp-cases-status" role="status" aria-live="polite">
        {list.isPending ? t('loading') : list.data ? (counts.total === 0 ? t(overdueOnly ? 'emptyOverdue' : 'empty') : t('count', counts)) : ''}
      </p>
      <AlertRegion text={list.error ? failureText(list.error).text : null} />
      <StatusRegion text={status} />
      <ul className="rp-case-list">
        {sites.map((s) => (
          <SiteItem
            key={s.keySiteId}
            site={s}
            outcome={outcomes[s.keySiteId] ?? null}
            failure={failures[s.keySiteId] ?? null}
            busy={busy === s.keySiteId}
            locked={busy !== null}
            issueOpen={open === s.keySiteId}
            onOk={() => void send(s, okInspection(s.keySiteId))}
            onToggleIssue={() => setOpen((o) => (o === s.keySiteId ? null : s.keySiteId))}
            onIssue={(input) => send(s, input)}
            onCancelIssue={() => {
              setOpen(null);
              requestAnimationFrame(() => document.getElementById(issueButtonId(s.keySiteId))?.focus());
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function SiteItem({
  site,
  outcome,
  failure,
  busy,
  locked,
  issueOpen,
  onOk,
  onToggleIssue,
  onIssue,
  onCancelIssue,
}: {
  site: InspectionDue;
  outcome: Outcome | null;
  failure: string | null;
  busy: boolean;
  locked: boolean;
  issueOpen: boolean;
  onOk: () => void;
  onToggleIssue: () => void;
  onIssue: (input: InspectionRequest) => Promise<boolean>;
  onCancelIssue: () => void;
}) {
  const t = useTranslations('incidents.inspect');
  const tCategory = useTranslations('keySiteCategory');
  const tRisk = useTranslations('riskLevel');
  const fmt = useIncidentFormat();
  const formId = `rp-site-${site.keySiteId}-form`;
  const heading = siteHeadingId(site.keySiteId);
  const category = tCategory.has(site.category) ? tCategory(site.category) : site.category;
  const risk = tRisk.has(String(site.riskLevel)) ? tRisk(String(site.riskLevel)) : String(site.riskLevel);

  return (
    <li className={`rp-site${site.overdue ? ' rp-site-overdue' : ''}`}>
      <h3 id={heading} className="rp-site-name" tabIndex={-1}>
        {site.name}
      </h3>
      <p className="rp-case-top">
        {site.overdue && <span className="rp-overdue">{t('overdue')}</span>}
        <span className="rp-state">{category}</span>
        <span className="rp-site-risk">{t('risk', { level: risk })}</span>
        {site.gridCode && <span className="rp-case-place">{t('grid', { code: site.gridCode })}</span>}
      </p>
      <p className="rp-site-when">
        {site.lastAt === null ? <strong>{t('never')}</strong> : t('last', { time: fmt.moment(site.lastAt) })}
        {site.dueAt && <> · {t(site.overdue ? 'dueWas' : 'dueBy', { time: fmt.moment(site.dueAt) })}</>}
        {' · '}
        {t('interval', { days: site.intervalDays })}
      </p>
      {outcome && (
        <p className={`rp-site-outcome${outcome.kind === 'issue' ? ' rp-site-outcome-issue' : ''}`}>
          {outcome.kind === 'ok' ? (
            t('outcomeOk')
          ) : outcome.code ? (
            <>
              {t('outcomeIssue')} <span className="rp-code">{outcome.code}</span>
            </>
          ) : (
            t('outcomeIssueNoCode')
          )}
        </p>
      )}
      <div className="rp-actions" role="group" aria-labelledby={heading}>
        <button type="button" className="ga-primary rp-button rp-site-ok" aria-disabled={locked || undefined} onClick={() => !locked && onOk()}>
          {busy && !issueOpen ? t('recording') : t('ok')}
        </button>
        <button
          type="button"
          id={issueButtonId(site.keySiteId)}
          className={`rp-button rp-site-issue ${issueOpen ? 'ga-primary' : 'ga-secondary'}`}
          aria-expanded={issueOpen}
          aria-controls={issueOpen ? formId : undefined}
          onClick={onToggleIssue}
        >
          {t('issue')}
        </button>
      </div>
      {issueOpen && <IssueForm id={formId} site={site} pending={busy} onSend={onIssue} onCancel={onCancelIssue} />}
      <AlertRegion text={failure} />
    </li>
  );
}

/** 发现问题: what was found, its category and severity; sent as the inspection and filed as a case. */
function IssueForm({ id, site, pending, onSend, onCancel }: { id: string; site: InspectionDue; pending: boolean; onSend: (input: InspectionRequest) => Promise<boolean>; onCancel: () => void }) {
  const t = useTranslations('incidents.inspect');
  const tForm = useTranslations('incidents.form');
  const locale = useLocale();
  const failureText = useFailureText();
  const categories = useCategories();
  const ids = useId();
  const fieldId = (f: IssueField) => `${ids}-${f}`;
  const errorId = (f: IssueField) => `${ids}-${f}-error`;
  const [draft, setDraft] = useState<IssueDraft>(EMPTY_ISSUE);
  const [errors, setErrors] = useState<Partial<Record<IssueField, IssueReason>>>({});

  useEffect(() => {
    document.getElementById(`${ids}-note`)?.focus();
  }, [ids]);

  const set = <K extends keyof IssueDraft>(key: K, value: IssueDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  };
  const invalid = (f: IssueField) => (errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': errorId(f) } : {});
  const fieldError = (f: IssueField) =>
    errors[f] ? (
      <p id={errorId(f)} className="rp-field-error">
        {t(`errors.${errors[f]}`)}
      </p>
    ) : null;

  return (
    <form
      id={id}
      className="rp-action-form"
      noValidate
      aria-label={t('issueForm', { name: site.name })}
      onSubmit={async (e) => {
        e.preventDefault();
        if (pending) return;
        const check = validateIssue(site.keySiteId, draft);
        if (!check.valid) {
          setErrors(check.errors);
          document.getElementById(fieldId(check.first))?.focus();
          return;
        }
        setErrors({});
        await onSend(check.input);
      }}
    >
      <div className="rp-field">
        <label htmlFor={fieldId('note')}>{t('note')}</label>
        <textarea
          id={fieldId('note')}
          className="rp-textarea"
          rows={3}
          maxLength={ISSUE_NOTE_MAX}
          required
          placeholder={t('notePlaceholder')}
          value={draft.note}
          onChange={(e) => set('note', e.target.value)}
          {...invalid('note')}
        />
        {fieldError('note')}
      </div>
      <div className="rp-field">
        <label htmlFor={fieldId('categoryCode')}>{t('category')}</label>
        <select id={fieldId('categoryCode')} required value={draft.categoryCode} onChange={(e) => set('categoryCode', e.target.value)} {...invalid('categoryCode')}>
          <option value="">{categories.isPending ? tForm('categoryLoading') : tForm('categoryPlaceholder')}</option>
          {categoryGroups(categories.data?.categories ?? []).map((g) => (
            <optgroup key={g.class} label={tForm(`classes.${g.class}`)}>
              {g.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {textIn(c.name, locale)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {categories.error && <p className="rp-field-error">{failureText(categories.error).text}</p>}
        {fieldError('categoryCode')}
      </div>
      <fieldset className="rp-fieldset" aria-describedby={errors.severity ? errorId('severity') : undefined}>
        <legend className="rp-legend">{tForm('severity')}</legend>
        <div className="rp-severities">
          {SEVERITIES.map((s, i) => (
            <label key={s} className={`rp-severity rp-severity-${s}`}>
              <input type="radio" name={`${ids}-severity`} id={i === 0 ? fieldId('severity') : undefined} value={s} checked={draft.severity === s} onChange={() => set('severity', s)} />
              <span>{tForm(`severities.${s}`)}</span>
            </label>
          ))}
        </div>
        {fieldError('severity')}
      </fieldset>
      <p className="rp-actions">
        <button type="submit" className="ga-primary rp-button" disabled={pending}>
          {pending ? t('recording') : t('sendIssue')}
        </button>
        <button type="button" className="ga-secondary rp-button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </p>
    </form>
  );
}
