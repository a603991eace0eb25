'use client';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { PlanArrangementView } from '@/server/plans/arrangements';
import { arrangementFormValues, SIDES_OF, type ArrangementSide } from './plan-workflow';

export interface ArrangementRecord {
  arrangementId: number;
  responsibilities: Record<string, ArrangementSide>;
  transferCompleted: boolean;
  notes: string;
}

/**
 * How the plan handles one enclave or pending transfer its grids reach into: which side takes which duty
 * (or that the transfer is complete), with notes; and which concerned districts have approved it. Keyed by
 * the parent on the plan version, so it starts again from what the server holds after each save.
 */
function ArrangementForm({ a, editable, busy, onSave }: { a: PlanArrangementView; editable: boolean; busy: boolean; onSave: (r: ArrangementRecord) => void }) {
  const t = useTranslations('workflow.arrangements');
  const tRoot = useTranslations();
  const start = arrangementFormValues(a);
  const [responsibilities, setResponsibilities] = useState(start.responsibilities);
  const [transferCompleted, setTransferCompleted] = useState(start.transferCompleted);
  const [notes, setNotes] = useState(start.notes);
  const sides: readonly ArrangementSide[] = SIDES_OF[a.kind];
  const label = (ns: 'duty' | 'side', key: string) => (t.has(`${ns}.${key}` as never) ? t(`${ns}.${key}` as never) : key);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ arrangementId: a.arrangementId, responsibilities, transferCompleted: a.kind === 'pending_transfer' && transferCompleted, notes: notes.trim() });
  };
  return (
    <li className="ed-arrangement" data-testid="editor-arrangement" data-arrangement-id={a.arrangementId} data-recorded={a.proposed !== null}>
      <form onSubmit={submit}>
        <fieldset disabled={!editable || busy} className="ed-arrangement-fields">
          <legend>
            <span className="ed-badge ed-badge-warning">{tRoot(`arrangement.${a.kind}`)}</span> {a.name}
          </legend>
          <p className="ed-arrangement-state" data-testid="arrangement-recorded">
            {a.proposed ? t('recorded') : t('notRecorded')} · {tRoot(`arrangement.${a.status}`)}
          </p>
          {a.notes && <p className="ed-selection-hint">{a.notes}</p>}
          <table className="ed-duties">
            <thead>
              <tr>
                <th scope="col">{t('dutyHeading')}</th>
                <th scope="col">{t('sideHeading')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(responsibilities).map(([duty, side]) => (
                <tr key={duty}>
                  <th scope="row">{label('duty', duty)}</th>
                  <td>
                    <select
                      aria-label={label('duty', duty)}
                      value={side}
                      onChange={(e) => setResponsibilities((r) => ({ ...r, [duty]: e.target.value as ArrangementSide }))}
                      data-duty={duty}
                    >
                      {sides.map((s) => (
                        <option key={s} value={s}>
                          {label('side', s)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {a.kind === 'pending_transfer' && (
            <label className="ed-inline ed-check">
              <input type="checkbox" checked={transferCompleted} onChange={(e) => setTransferCompleted(e.target.checked)} data-testid="arrangement-transfer-completed" />
              {t('transferCompleted')}
            </label>
          )}
          <label className="ed-inline">
            {t('notes')}
            <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} maxLength={2000} />
          </label>
          {editable && (
            <button type="submit" className="ed-fix" data-testid="arrangement-save">
              {t('save')}
            </button>
          )}
        </fieldset>
      </form>
      {a.districts.length > 0 && (
        <>
          <p className="ed-arrangement-label">{t('approvals')}</p>
          <ul className="ed-approvals" data-testid="arrangement-approvals">
            {a.districts.map((d) => (
              <li key={d.id} data-approved={d.approvedBy !== null}>
                {t('districtState', { name: d.name, state: d.approvedBy ? t('approvedBy', { name: d.approvedBy }) : t('awaiting') })}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

export function ArrangementsPanel({
  arrangements,
  version,
  editable,
  busy,
  onSave,
}: {
  arrangements: PlanArrangementView[];
  version: number;
  editable: boolean;
  busy: boolean;
  onSave: (r: ArrangementRecord) => void;
}) {
  const t = useTranslations('workflow.arrangements');
  if (arrangements.length === 0) return null;
  return (
    <section className="ed-arrangements" aria-labelledby="ed-arrangements-heading" data-testid="editor-arrangements">
      <h2 id="ed-arrangements-heading">{t('heading')}</h2>
      <p className="ed-selection-hint">{t('intro')}</p>
      <ul className="ed-arrangement-list">
        {arrangements.map((a) => (
          <ArrangementForm key={`${a.arrangementId}-${version}`} a={a} editable={editable} busy={busy} onSave={onSave} />
        ))}
      </ul>
    </section>
  );
}
