'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { textIn } from '@/geo/text/localized-text';
import { PhotoPicker } from './PhotoPicker';
import { AlertRegion, useCategories, useFailureText, useIncidentFormat } from './report-client';
import {
  categoryGroups,
  DESCRIPTION_MAX,
  EMPTY_DRAFT,
  NAME_MAX,
  PHONE_MAX,
  SEVERITIES,
  validateReport,
  type FormSource,
  type PlaceStatus,
  type ReportDraft,
  type ReportField,
  type ReportReason,
} from './report-form';
import { usePhotoQueue } from './use-photo-queue';

export interface ReportFormProps {
  source: FormSource;
  /** The place as the step before the form has it (a point, a standard address, the scanned place). */
  place: PlaceStatus;
  /** The control that takes the focus when the place is missing or wrong. */
  placeFieldId: string;
  /** Where the place's error is written (the location step's controls point at it with aria-describedby). */
  placeErrorId: string;
  /** The location step, drawn at the top of the form (none for a scanned code). */
  placeStep?: ReactNode;
  /** The caller's name and phone (the hotline desk): personal data. */
  reporterFields?: boolean;
  /** After "report another": the step before the form clears its place if it should. */
  onAnother?: () => void;
}

interface Sent {
  id: number;
  code: string;
  gridCode: string | null;
  departmentCode: string;
}

/**
 * The report form of every channel (patrol, hotline, scanned code): category, description, severity,
 * photos, and for the hotline the caller; checked here first, sent to incidents.report, and answered
 * with the case's code and grid. A refusal keeps everything as typed.
 */
export function ReportForm({ source, place, placeFieldId, placeErrorId, placeStep, reporterFields = false, onAnother }: ReportFormProps) {
  const t = useTranslations('incidents.form');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const failureText = useFailureText();
  const categories = useCategories();
  const photos = usePhotoQueue();
  const ids = useId();
  const fieldId = (f: ReportField) => (f === 'place' ? placeFieldId : `${ids}-${f}`);
  const errorId = (f: ReportField) => (f === 'place' ? placeErrorId : `${ids}-${f}-error`);

  const [draft, setDraft] = useState<ReportDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Partial<Record<ReportField, ReportReason>>>({});
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // How many fields need fixing, as of the last try to send (announced once, not on every keystroke).
  const [summary, setSummary] = useState<number | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const report = useMutation(trpc.incidents.report.mutationOptions());

  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  // Once the user tried to send, the marks follow what they fix.
  useEffect(() => {
    if (checked) {
      const check = validateReport(draft, place, photos.queue, source);
      setErrors(check.valid ? {} : check.errors);
      if (check.valid) setSummary(null);
    }
  }, [checked, draft, place, photos.queue, source]);

  useEffect(() => {
    if (sent) resultHeading.current?.focus();
  }, [sent]);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (report.isPending) return;
    setChecked(true);
    setFailure(null);
    const check = validateReport(draft, place, photos.queue, source);
    if (!check.valid) {
      setErrors(check.errors);
      setSummary(Object.keys(check.errors).length);
      document.getElementById(fieldId(check.first))?.focus();
      return;
    }
    setErrors({});
    setSummary(null);
    try {
      const r = await report.mutateAsync(check.input);
      setSent({ id: r.id, code: r.code, gridCode: r.gridCode, departmentCode: r.departmentCode });
      void queryClient.invalidateQueries(trpc.incidents.list.pathFilter());
    } catch (err) {
      setFailure(failureText(err).text);
    }
  }

  function another() {
    setDraft(EMPTY_DRAFT);
    photos.clear();
    setChecked(false);
    setErrors({});
    setSummary(null);
    setFailure(null);
    setSent(null);
    report.reset();
    onAnother?.();
    requestAnimationFrame(() => document.getElementById(fieldId('categoryCode'))?.focus());
  }

  const errorText = (f: ReportField) => (errors[f] ? t(`errors.${errors[f]}`) : null);
  const fieldProps = (f: ReportField) => ({
    id: fieldId(f),
    'aria-invalid': errors[f] ? true : undefined,
    'aria-describedby': errors[f] ? errorId(f) : undefined,
  });
  const fieldError = (field: Exclude<ReportField, 'place'>) =>
    errors[field] ? (
      <p id={errorId(field)} className="rp-field-error">
        {errorText(field)}
      </p>
    ) : null;

  const chosen = categories.data?.categories.find((c) => c.code === draft.categoryCode);

  return (
    <div className="rp-report">
      <div aria-live="polite">{sent && <ReportResult id={`${ids}-result`} sent={sent} headingRef={resultHeading} onAnother={another} />}</div>
      <form className="rp-form" noValidate onSubmit={onSubmit} hidden={sent !== null} aria-label={t('label')}>
        {placeStep}
        {/* Always there (empty until the place is wrong): the location step's controls point at it. */}
        <p id={placeErrorId} className="rp-field-error">
          {errorText('place')}
        </p>

        {reporterFields && (
          <fieldset className="rp-fieldset">
            <legend className="rp-legend">{t('caller')}</legend>
            <p className="ga-field-hint rp-hint">{t('callerHint')}</p>
            <div className="rp-field">
              <label htmlFor={fieldId('reporterName')}>{t('callerName')}</label>
              <input
                {...fieldProps('reporterName')}
                type="text"
                autoComplete="off"
                maxLength={NAME_MAX}
                value={draft.reporterName}
                onChange={(e) => set('reporterName', e.target.value)}
              />
              {fieldError('reporterName')}
            </div>
            <div className="rp-field">
              <label htmlFor={fieldId('reporterPhone')}>{t('callerPhone')}</label>
              <input
                {...fieldProps('reporterPhone')}
                type="tel"
                inputMode="tel"
                autoComplete="off"
                maxLength={PHONE_MAX}
                value={draft.reporterPhone}
                onChange={(e) => set('reporterPhone', e.target.value)}
              />
              {fieldError('reporterPhone')}
            </div>
          </fieldset>
        )}

        <div className="rp-field">
          <label htmlFor={fieldId('categoryCode')}>
            {t('category')}
            <span aria-hidden="true" className="rp-required">
              *
            </span>
          </label>
          <select
            {...fieldProps('categoryCode')}
            required
            value={draft.categoryCode}
            onChange={(e) => set('categoryCode', e.target.value)}
            aria-describedby={[errors.categoryCode ? errorId('categoryCode') : null, chosen ? `${ids}-department` : null].filter(Boolean).join(' ') || undefined}
          >
            <option value="">{categories.isPending ? t('categoryLoading') : t('categoryPlaceholder')}</option>
            {categoryGroups(categories.data?.categories ?? []).map((g) => (
              <optgroup key={g.class} label={t(`classes.${g.class}`)}>
                {g.categories.map((c) => (
                  <option key={c.code} value={c.code}>
                    {textIn(c.name, locale)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {chosen && (
            <p id={`${ids}-department`} className="ga-field-hint rp-hint">
              {t('department', { name: textIn(chosen.department.name, locale) })}
            </p>
          )}
          {categories.error && <p className="rp-field-error">{failureText(categories.error).text}</p>}
          {fieldError('categoryCode')}
        </div>

        <div className="rp-field">
          <label htmlFor={fieldId('description')}>
            {t('description')}
            <span aria-hidden="true" className="rp-required">
              *
            </span>
          </label>
          <textarea
            {...fieldProps('description')}
            className="rp-textarea"
            rows={4}
            maxLength={DESCRIPTION_MAX}
            required
            placeholder={t('descriptionPlaceholder')}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
          {fieldError('description')}
        </div>

        <fieldset className="rp-fieldset" aria-describedby={errors.severity ? errorId('severity') : undefined}>
          <legend className="rp-legend">{t('severity')}</legend>
          <div className="rp-severities">
            {SEVERITIES.map((s, i) => (
              <label key={s} className={`rp-severity rp-severity-${s}`}>
                <input
                  type="radio"
                  name={`${ids}-severity`}
                  id={i === 0 ? fieldId('severity') : undefined}
                  value={s}
                  checked={draft.severity === s}
                  onChange={() => set('severity', s)}
                />
                <span>{t(`severities.${s}`)}</span>
              </label>
            ))}
          </div>
          {fieldError('severity')}
        </fieldset>

        <fieldset className="rp-fieldset">
          <legend className="rp-legend">{t('photos')}</legend>
          <PhotoPicker photos={photos} inputId={fieldId('photos')} errorId={errors.photos ? errorId('photos') : undefined} />
          {fieldError('photos')}
        </fieldset>

        <AlertRegion text={failure ?? (summary ? t('fixFields', { count: summary }) : null)} />
        <div className="rp-send">
          <button type="submit" className="ga-primary rp-primary" disabled={report.isPending} aria-describedby={`${ids}-sending`}>
            {t('send')}
          </button>
          <span id={`${ids}-sending`} role="status" className="rp-sending">
            {report.isPending ? t('sending') : ''}
          </span>
        </div>
      </form>
    </div>
  );
}

/** The answer to a report that was filed: received, its code and grid, and a way to report the next. */
function ReportResult({ id, sent, headingRef, onAnother }: { id: string; sent: Sent; headingRef: React.RefObject<HTMLHeadingElement | null>; onAnother: () => void }) {
  const t = useTranslations('incidents.result');
  return (
    <section className="rp-result" aria-labelledby={id}>
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {t('title')}
      </h2>
      <p>{t('received')}</p>
      <SentDetails sent={sent} />
      <p className="rp-actions">
        <button type="button" className="ga-primary rp-primary" onClick={onAnother}>
          {t('another')}
        </button>
      </p>
    </section>
  );
}

/** The case as filed: its code at once, its grid, worker and department as soon as the case is read back. */
function SentDetails({ sent }: { sent: Sent }) {
  const t = useTranslations('incidents.result');
  const tState = useTranslations('incidents.state');
  const trpc = useTRPC();
  const fmt = useIncidentFormat();
  const detail = useQuery(trpc.incidents.get.queryOptions({ id: sent.id }, { staleTime: 0 }));
  const c = detail.data;
  return (
    <dl className="rp-facts">
      <dt>{t('code')}</dt>
      <dd className="rp-code" data-testid="report-code">
        {sent.code}
      </dd>
      <dt>{t('grid')}</dt>
      <dd>{c?.grid ? t('gridValue', { name: c.grid.name, code: c.grid.code }) : sent.gridCode ? sent.gridCode : t('gridNone')}</dd>
      {c && (
        <>
          <dt>{t('worker')}</dt>
          <dd>{c.gridWorker ? c.gridWorker.name : t('workerNone')}</dd>
          {c.department && (
            <>
              <dt>{t('department')}</dt>
              <dd>{fmt.text(c.department.name)}</dd>
            </>
          )}
          <dt>{t('state')}</dt>
          <dd>{tState(c.status)}</dd>
          {c.stageDueAt && (
            <>
              <dt>{t('due')}</dt>
              <dd>{fmt.moment(c.stageDueAt)}</dd>
            </>
          )}
        </>
      )}
    </dl>
  );
}
