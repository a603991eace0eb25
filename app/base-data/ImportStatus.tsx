'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import { announcedPercent, stageFraction, type ImportStage } from './import-stage';
import { useMegabytes } from './use-megabytes';

/**
 * Where a run stands: a <progress> bar (without a value while the server gives no measure) and a polite
 * live line naming the phase and the rows; once the run is over, the line says how it ended. The line
 * moves in tenths of the upload and in the server's batches of rows, so a screen reader hears steps.
 */
export function ImportStatus({ stage, summary }: { stage: ImportStage | null; summary: string | null }) {
  const t = useTranslations('baseData.progress');
  const format = useFormatter();
  const mb = useMegabytes();
  const id = useId();
  const fraction = stage ? stageFraction(stage) : null;
  const line = stage ? stageLine(stage) : summary;

  function stageLine(s: ImportStage): string {
    switch (s.phase) {
      case 'uploading':
        return t('uploading', { percent: announcedPercent(stageFraction(s) ?? 0) });
      case 'reading':
        return s.bytes === null ? t('readingRest') : t('reading', { size: mb(s.bytes) });
      case 'placing':
        return t('placing', { done: format.number(s.done), total: format.number(s.total) });
      case 'linking':
        return t('linking', { total: format.number(s.total) });
      case 'writing':
        return t('writing', { count: s.total });
    }
  }

  return (
    <div className="bd-status" data-testid="import-status">
      {stage && (
        <>
          <p id={`${id}-label`} className="bd-progress-label">
            {t('label')}
          </p>
          {fraction === null ? (
            <progress className="bd-progress" aria-labelledby={`${id}-label`} />
          ) : (
            <progress className="bd-progress" aria-labelledby={`${id}-label`} max={100} value={Math.round(fraction * 100)}>
              {Math.round(fraction * 100)}%
            </progress>
          )}
        </>
      )}
      <p role="status" aria-live="polite" className="bd-status-line">
        {line}
      </p>
    </div>
  );
}
