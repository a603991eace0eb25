'use client';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { DraftGridProperties } from '@/server/drafts/store';

export const DEDICATED_TYPES = ['park', 'school', 'hospital', 'enterprise', 'market', 'government'] as const;
export type DedicatedType = (typeof DEDICATED_TYPES)[number];

export interface GridAttributesInput {
  name: string;
  kind: 'comprehensive' | 'dedicated';
  dedicatedType: DedicatedType | null;
  responsibleUnit: string;
  notes: string;
}

/**
 * The selected grid's attributes. Saving is one edit (setAttributes); the code is assigned by the server
 * and shown read-only. Keyed by grid and draft version by the parent, so it resets after each edit.
 */
export function AttributesForm({
  grid,
  busy,
  readOnly = false,
  onSave,
}: {
  grid: DraftGridProperties;
  busy: boolean;
  /** The plan is frozen (submitted and not returned): the attributes are shown, not changed. */
  readOnly?: boolean;
  onSave: (a: GridAttributesInput) => void;
}) {
  const t = useTranslations('editor.attributes');
  const tt = useTranslations('editor.dedicatedType');
  const [name, setName] = useState(grid.name);
  const [kind, setKind] = useState<GridAttributesInput['kind']>(grid.kind);
  const [dedicatedType, setDedicatedType] = useState<DedicatedType>((grid.dedicatedType as DedicatedType | null) ?? 'park');
  const [responsibleUnit, setResponsibleUnit] = useState(grid.responsibleUnit);
  const [notes, setNotes] = useState(grid.notes);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ name, kind, dedicatedType: kind === 'dedicated' ? dedicatedType : null, responsibleUnit, notes });
  };
  return (
    <form className="ed-attributes" onSubmit={submit} aria-labelledby="ed-attributes-heading" data-testid="attributes-form">
      <h2 id="ed-attributes-heading">{t('heading')}</h2>
      <dl className="ed-grid-facts">
        <dt>{t('code')}</dt>
        <dd data-testid="grid-code">{grid.code ?? t('noCode')}</dd>
        <dt>{t('area')}</dt>
        <dd>{t('areaValue', { area: Math.round(grid.areaM2) })}</dd>
      </dl>
      <fieldset className="ed-attributes-fields" disabled={readOnly}>
      <label>
        {t('name')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
      </label>
      <label>
        {t('kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as GridAttributesInput['kind'])}>
          <option value="comprehensive">{t('kindComprehensive')}</option>
          <option value="dedicated">{t('kindDedicated')}</option>
        </select>
      </label>
      {kind === 'dedicated' && (
        <label>
          {t('dedicatedType')}
          <select value={dedicatedType} onChange={(e) => setDedicatedType(e.target.value as DedicatedType)}>
            {DEDICATED_TYPES.map((d) => (
              <option key={d} value={d}>
                {tt(d)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('responsibleUnit')}
        <input value={responsibleUnit} onChange={(e) => setResponsibleUnit(e.target.value)} maxLength={200} />
      </label>
      <label>
        {t('notes')}
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} rows={3} />
      </label>
      {!readOnly && (
        <button type="submit" disabled={busy}>
          {t('save')}
        </button>
      )}
      </fieldset>
    </form>
  );
}
