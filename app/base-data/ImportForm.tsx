'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { textIn } from '@/geo/text/localized-text';
import type { AddressImportReport } from '@/server/base-data/address-import';
import { useTRPC } from '@/app/trpc/client';
import { useHydrated } from '@/app/use-hydrated';
import { ACCEPTED_FILES, fileProblem, type ImportCrs, type ImportLimits, type ImportMode } from './import-file';
import type { ImportStage } from './import-stage';
import type { ImportOutcome } from './import-stream';
import { ImportStatus } from './ImportStatus';
import { sendAddressFile } from './send-address-file';
import { useMegabytes } from './use-megabytes';

const CRS_CHOICES: readonly ImportCrs[] = ['wgs84', 'gcj02'];

/**
 * The file, its coordinate system and the two ways to send it: 只检查 (everything but the writing) and
 * 导入. One run at a time; while it runs the form is busy, its progress shown and announced, and leaving
 * the page asks first (the import goes on on the server, but its report would be lost).
 */
export function ImportForm({ limits, onReport }: { limits: ImportLimits; onReport: (report: AddressImportReport | null) => void }) {
  const t = useTranslations('baseData');
  const locale = useLocale();
  const format = useFormatter();
  const mb = useMegabytes();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const hydrated = useHydrated();
  const fileInput = useRef<HTMLInputElement>(null);
  const [crs, setCrs] = useState<ImportCrs>('wgs84');
  const [running, setRunning] = useState<ImportMode | null>(null);
  const [stage, setStage] = useState<ImportStage | null>(null);
  const [problem, setProblem] = useState<{ text: string; file: boolean } | null>(null);
  const [summary, setSummary] = useState<string | null>(null);

  useEffect(() => {
    if (!running) return;
    const stay = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', stay);
    return () => window.removeEventListener('beforeunload', stay);
  }, [running]);

  const failureText = (outcome: Exclude<ImportOutcome, { kind: 'report' }>) =>
    outcome.kind === 'refused' ? textIn(outcome.text, locale) : t(`errors.${outcome.reason}`);

  const summaryOf = (r: AddressImportReport) =>
    !r.ok
      ? t('summary.rejected', { count: r.rejected })
      : r.written
        ? t('summary.written', { created: format.number(r.created), updated: format.number(r.updated), unchanged: format.number(r.unchanged) })
        : t('summary.checked', { rows: format.number(r.rowsRead) });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (running) return;
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const mode: ImportMode = submitter?.value === 'import' ? 'import' : 'check';
    const file = fileInput.current?.files?.[0];
    setSummary(null);
    if (!file) {
      setProblem({ text: t('form.fileRequired'), file: true });
      fileInput.current?.focus();
      return;
    }
    const refused = fileProblem(file, limits);
    if (refused) {
      setProblem({
        text: refused.problem === 'empty' ? t('form.fileEmpty') : t('form.fileTooLarge', { size: mb(file.size), limit: mb(refused.limitBytes), format: t(`formats.${refused.format}`) }),
        file: true,
      });
      fileInput.current?.focus();
      return;
    }
    setProblem(null);
    onReport(null);
    setRunning(mode);
    setStage(null);
    try {
      const outcome = await sendAddressFile(file, { crs, mode }, setStage);
      if (outcome.kind === 'report') {
        onReport(outcome.report);
        setSummary(summaryOf(outcome.report));
        if (outcome.report.written) await queryClient.invalidateQueries(trpc.baseData.imports.queryFilter());
      } else {
        setProblem({ text: failureText(outcome), file: false });
        // The connection may have broken after the server took the file: the history says whether it did.
        if (outcome.kind === 'failed' && outcome.reason === 'network' && mode === 'import') void queryClient.invalidateQueries(trpc.baseData.imports.queryFilter());
      }
    } finally {
      setRunning(null);
      setStage(null);
    }
  };

  return (
    <section className="ga-card bd-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('form.title')}</h2>
      <form className="ga-form bd-form" aria-labelledby={`${id}-title`} aria-busy={running !== null} noValidate onSubmit={(e) => void submit(e)} data-testid="import-form">
        <div className="ga-field">
          <label htmlFor={`${id}-file`}>{t('form.file')}</label>
          <input
            ref={fileInput}
            id={`${id}-file`}
            type="file"
            accept={ACCEPTED_FILES}
            disabled={running !== null}
            aria-describedby={`${id}-file-hint`}
            aria-invalid={problem?.file ? true : undefined}
            onChange={() => {
              setProblem(null);
              setSummary(null);
            }}
          />
          <p id={`${id}-file-hint`} className="ga-field-hint">
            {t('form.fileHint', { csv: mb(limits.csvMaxBytes), geojson: mb(limits.geojsonMaxBytes), rows: format.number(limits.maxRows) })}
          </p>
        </div>
        <fieldset className="bd-choice" disabled={running !== null}>
          <legend>{t('form.crs')}</legend>
          {CRS_CHOICES.map((c) => (
            <label key={c} className="bd-choice-option">
              <input type="radio" name="crs" value={c} checked={crs === c} onChange={() => setCrs(c)} />
              <span>
                {t(`crs.${c}`)}
                <span className="ga-table-sub">{t(`form.crsHint.${c}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <p id={`${id}-modes`} className="ga-field-hint bd-modes-hint">
          {t('form.modesHint')}
        </p>
        <div className="bd-actions">
          <button type="submit" name="mode" value="check" className="ga-secondary" disabled={!hydrated || running !== null} aria-describedby={`${id}-modes`}>
            {running === 'check' ? t('form.checking') : t('form.check')}
          </button>
          <button type="submit" name="mode" value="import" className="ga-primary" disabled={!hydrated || running !== null} aria-describedby={`${id}-modes`}>
            {running === 'import' ? t('form.importing') : t('form.import')}
          </button>
        </div>
        <div role="alert" className="ga-alert-region" data-testid="import-error">
          {problem && <p className="ga-form-error">{problem.text}</p>}
        </div>
        <ImportStatus stage={running ? (stage ?? { phase: 'uploading', loaded: 0, total: 0 }) : null} summary={summary} />
      </form>
    </section>
  );
}
