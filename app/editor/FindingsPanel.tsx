'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { findingKey } from '@/geo/plans/finding-key';
import type { TopologyFinding, TopologyReport } from '@/server/topology/finding-codes';

export interface FindingsPanelProps {
  report: TopologyReport | undefined;
  /** Findings in list order (blocking first). */
  findings: TopologyFinding[];
  loading: boolean;
  error: string | null;
  focused: number;
  onFocus: (index: number) => void;
  /** Whether the editor can apply this finding's suggested fix to the draft (its grids are in the draft). */
  canFix: (finding: TopologyFinding) => boolean;
  /** Applies a finding's suggested fix: one edit, one undo step. */
  onFix: (finding: TopologyFinding) => void;
  busy: boolean;
  /** The editor's saved reasons for keeping warnings, by finding key (geo/plans/finding-key.ts). */
  reasons: ReadonlyMap<string, SavedReason>;
  /** The plan may be changed now (editing or returned): reasons can be written. */
  editable: boolean;
  /** Saves (or, with an empty text, withdraws) the reason for a warning: a write of the plan. */
  onSaveReason: (findingKey: string, reason: string) => void;
}

export interface SavedReason {
  reason: string;
  authorName: string;
}

/** The id of a finding's reason field, so the submit step can take the user to the first one missing. */
export const reasonFieldId = (index: number) => `ed-reason-${index}`;

/**
 * The reason a warning is kept, written before the plan is submitted. Keyed by the parent on the finding
 * and its saved text, so it starts again from what the server holds after each save.
 */
function WarningReasonField({ index, saved, editable, busy, onSave }: { index: number; saved: SavedReason | undefined; editable: boolean; busy: boolean; onSave: (reason: string) => void }) {
  const t = useTranslations('workflow.reasons');
  const [text, setText] = useState(saved?.reason ?? '');
  const changed = text.trim() !== (saved?.reason ?? '').trim();
  const id = reasonFieldId(index);
  return (
    <div className="ed-reason" data-testid="warning-reason">
      <label htmlFor={id}>{t('label')}</label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={2}
        maxLength={2000}
        readOnly={!editable}
        placeholder={editable ? t('placeholder') : ''}
        aria-invalid={!saved?.reason.trim() ? true : undefined}
        data-testid="warning-reason-text"
      />
      <div className="ed-reason-row">
        <span className={saved?.reason.trim() ? 'ed-reason-saved' : 'ed-reason-missing'} data-testid="warning-reason-state">
          {saved?.reason.trim() ? t('saved', { author: saved.authorName }) : t('missing')}
        </span>
        {editable && (
          <button type="button" className="ed-fix" disabled={busy || !changed} onClick={() => onSave(text.trim())} data-testid="warning-reason-save">
            {t('save')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Blocking findings first, then warnings; within each, the larger problem first. */
export function orderFindings(findings: readonly TopologyFinding[]): TopologyFinding[] {
  const rank = (f: TopologyFinding) => (f.severity === 'blocking' ? 0 : 1);
  return [...findings].sort((a, b) => rank(a) - rank(b) || (b.areaM2 ?? 0) - (a.areaM2 ?? 0));
}

/** The server's topology report for the draft: counts, a status line, and a list to step through. */
/**
 * The button label of each kind of suggested fix the editor applies (messages under editor.findings).
 * No make-valid: a draft never holds an invalid grid (files are repaired on import, if asked).
 */
const FIX_LABEL = {
  'snap-to-neighbours': 'fixSnap',
  'give-to-neighbour': 'fixGive',
  'clip-to-parent': 'fixClip',
} as const;

export function FindingsPanel({ report, findings, loading, error, focused, onFocus, canFix, onFix, busy, reasons, editable, onSaveReason }: FindingsPanelProps) {
  const t = useTranslations('editor.findings');
  const locale = useLocale();
  return (
    <section className="ed-findings" aria-labelledby="ed-findings-heading" data-testid="findings-panel" aria-busy={loading}>
      <h2 id="ed-findings-heading">{t('heading')}</h2>
      {error && (
        <p role="alert" className="ed-error">
          {error}
        </p>
      )}
      {report && (
        <>
          <p className="ed-counts">
            <span className="ed-badge ed-badge-blocking" data-testid="blocking-count">
              {t('blocking', { count: report.blocking })}
            </span>
            <span className="ed-badge ed-badge-warning" data-testid="warning-count">
              {t('warnings', { count: report.warnings })}
            </span>
          </p>
          <p role="status" className={report.ok ? 'ed-status-ok' : 'ed-status-blocked'} data-testid="findings-status">
            {report.ok ? t('ok') : t('notOk')}
          </p>
          {findings.length > 0 && (
            <ol className="ed-finding-list">
              {findings.map((f, i) => {
                const key = findingKey(f);
                const saved = reasons.get(key);
                return (
                  <li key={`${f.code}-${i}`} className={i === focused ? 'ed-finding ed-finding-focused' : 'ed-finding'} data-code={f.code} data-severity={f.severity} data-finding-key={key}>
                    <button type="button" className="ed-finding-button" onClick={() => onFocus(i)} aria-pressed={i === focused} disabled={!f.geometry && f.gridKeys.length === 0}>
                      <span className={f.severity === 'blocking' ? 'ed-sev ed-sev-blocking' : 'ed-sev ed-sev-warning'}>
                        {f.severity === 'blocking' ? t('severityBlocking') : t('severityWarning')}
                      </span>
                      <span className="ed-finding-text">{locale === 'en' ? f.message.en : f.message['zh-CN']}</span>
                      {f.areaM2 !== undefined && <span className="ed-finding-area">{t('area', { area: Math.round(f.areaM2 * 10) / 10 })}</span>}
                    </button>
                    {f.fix && f.fix.kind !== 'make-valid' && canFix(f) && (
                      <button type="button" className="ed-fix" disabled={busy} onClick={() => onFix(f)} data-fix={f.fix.kind}>
                        {t(FIX_LABEL[f.fix.kind])}
                      </button>
                    )}
                    {f.severity === 'warning' && (
                      <WarningReasonField
                        key={`${key}|${saved?.reason ?? ''}`}
                        index={i}
                        saved={saved}
                        editable={editable}
                        busy={busy}
                        onSave={(reason) => onSaveReason(key, reason)}
                      />
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
      {!report && !error && <p>{t('checking')}</p>}
    </section>
  );
}
