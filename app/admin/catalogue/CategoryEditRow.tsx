'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorText } from '@/app/editor/errors';
import { useTRPC } from '@/app/trpc/client';
import { useErrorText } from '../outcome';
import { INCIDENT_STAGES, type IncidentStage } from '@/geo/incidents/incident-states';
import { textIn } from '@/geo/text/localized-text';
import type { Category } from '@/server/incidents/categories';
import { changeOf, draftOf, type CategoryDraft, type DraftField, type DraftProblem } from './category-draft';
import { CATEGORY_COLUMNS, CategoryName, type Department } from './CategoryName';
import { DepartmentOptions } from './DepartmentOptions';
import { LIMIT_UNITS, limitParts, parseLimit, type LimitInput, type LimitUnit } from './limits';
import { useLimitText } from './use-limit-text';

/** How an edit ended: saved, left as it was (nothing changed), or cancelled. */
export type EditEnd = 'saved' | 'unchanged' | 'cancelled';

const STALE = 'CATEGORY_STALE_VERSION';

/**
 * A category's row in edit mode, and below it the row's messages. The change is computed against the
 * version the edit started from and sent with it: if someone else saved the category meanwhile, the
 * server refuses (CATEGORY_STALE_VERSION), the row reloads what is there now and says so, and the next
 * save works on that. Every other refusal (CATALOGUE_CITY_ONLY, an unknown department) is shown as the
 * server words it and the edit stays open.
 */
export function CategoryEditRow({ category, departments, onEnd }: { category: Category; departments: Department[]; onEnd: (how: EditEnd) => void }) {
  const t = useTranslations('catalogue');
  const tc = useTranslations('catalogue.categories');
  const message = useErrorText();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [base, setBase] = useState(category);
  const [draft, setDraft] = useState<CategoryDraft>(() => draftOf(category));
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [reloaded, setReloaded] = useState(false);
  const name = textIn(base.name, locale);
  const fieldId = (field: DraftField) => `${id}-${field}`;
  const problemOf = (field: DraftField) => problems.find((p) => p.field === field);

  // Keyboard and screen-reader users start on the row's first field.
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const save = useMutation(
    trpc.incidents.updateCategory.mutationOptions({
      onSuccess: async (updated) => {
        queryClient.setQueryData(trpc.incidents.categories.queryKey(), (old) =>
          old && { ...old, categories: old.categories.map((c) => (c.code === updated.code ? updated : c)) },
        );
        onEnd('saved');
        await queryClient.invalidateQueries(trpc.incidents.categories.queryFilter());
      },
      onError: async (err) => {
        if (errorText(err, locale, '').code !== STALE) return;
        // Someone saved the category meanwhile: show what is there now, and edit that.
        const fresh = await queryClient.fetchQuery(trpc.incidents.categories.queryOptions(undefined, { staleTime: 0 })).catch(() => null);
        const now = fresh?.categories.find((c) => c.code === base.code);
        if (!now) return;
        setBase(now);
        setDraft(draftOf(now));
        setProblems([]);
        setReloaded(true);
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setReloaded(false);
    save.reset();
    const result = changeOf(base, draft);
    if (!result.valid) {
      setProblems(result.problems);
      document.getElementById(fieldId(result.problems[0]!.field))?.focus();
      return;
    }
    setProblems([]);
    if (!result.changed) onEnd('unchanged');
    else save.mutate(result.change);
  };

  const setLimit = (stage: IncidentStage, limit: LimitInput) => setDraft((d) => ({ ...d, limits: { ...d.limits, [stage]: limit } }));
  const formId = `${id}-form`;
  const problemText = (field: DraftField) => {
    const p = problemOf(field);
    return p ? t(`problems.${p.reason}`) : null;
  };
  const described = (field: DraftField) => (problemOf(field) ? `${fieldId(field)}-problem` : undefined);
  const serverError = save.error ? message(save.error) : null;

  return (
    <>
      <tr
        data-code={base.code}
        className="ga-cat-editing"
        onKeyDown={(e) => {
          // Escape leaves the row as it was, as 取消 does.
          if (e.key === 'Escape' && !e.nativeEvent.isComposing && !save.isPending) {
            e.preventDefault();
            onEnd('cancelled');
          }
        }}
      >
        <CategoryName category={base} />
        <td>
          <select
            ref={first}
            id={fieldId('department')}
            form={formId}
            className="ga-cat-input"
            aria-label={tc('controlLabel', { category: name, field: tc('department') })}
            aria-invalid={problemOf('department') ? true : undefined}
            aria-describedby={described('department')}
            value={draft.departmentCode}
            onChange={(e) => setDraft((d) => ({ ...d, departmentCode: e.target.value }))}
          >
            <DepartmentOptions departments={departments} />
          </select>
          <FieldProblem id={described('department')} text={problemText('department')} />
        </td>
        {INCIDENT_STAGES.map((s) => (
          <td key={s}>
            <LimitField
              id={fieldId(s)}
              formId={formId}
              label={tc('controlLabel', { category: name, field: tc(`stage.${s}`) })}
              unitLabel={tc('unitLabel', { category: name, field: tc(`stage.${s}`) })}
              value={draft.limits[s]}
              onChange={(limit) => setLimit(s, limit)}
              problemId={described(s)}
            />
            <FieldProblem id={described(s)} text={problemText(s)} />
          </td>
        ))}
        <td>
          <input
            id={fieldId('weight')}
            form={formId}
            className="ga-cat-input ga-cat-number-input"
            inputMode="decimal"
            autoComplete="off"
            size={5}
            aria-label={tc('controlLabel', { category: name, field: tc('weight') })}
            aria-invalid={problemOf('weight') ? true : undefined}
            aria-describedby={described('weight')}
            value={draft.weight}
            onChange={(e) => setDraft((d) => ({ ...d, weight: e.target.value }))}
          />
          <FieldProblem id={described('weight')} text={problemText('weight')} />
        </td>
        <td>
          <span className="ga-cat-switch-wrap">
            <button
              type="button"
              role="switch"
              aria-checked={draft.active}
              aria-label={tc('controlLabel', { category: name, field: tc('active') })}
              className="ga-cat-switch"
              onClick={() => setDraft((d) => ({ ...d, active: !d.active }))}
            >
              <span className="ga-cat-switch-track" aria-hidden="true">
                <span className="ga-cat-switch-knob" />
              </span>
            </button>
            {/* The switch says its state to a screen reader itself; this is the same for the eye. */}
            <span aria-hidden="true">{draft.active ? tc('activeOn') : tc('activeOff')}</span>
          </span>
        </td>
        <td>
          <form id={formId} className="ga-cat-actions" onSubmit={submit} aria-busy={save.isPending}>
            <button type="submit" className="ga-primary" disabled={save.isPending} aria-describedby="ga-cat-applies">
              {save.isPending ? tc('saving') : tc('save')}
              <span className="ga-visually-hidden"> {name}</span>
            </button>
            <button type="button" className="ga-secondary" onClick={() => onEnd('cancelled')}>
              {tc('cancel')}
              <span className="ga-visually-hidden"> {name}</span>
            </button>
          </form>
        </td>
      </tr>
      <tr className="ga-cat-edit-notes">
        <td colSpan={CATEGORY_COLUMNS}>
          <div role="alert" className="ga-alert-region">
            {problems.length > 0 && <p className="ga-form-error">{tc('fixFields', { count: problems.length })}</p>}
            {serverError && (
              <p className="ga-form-error">
                {serverError}
                {reloaded && (
                  <>
                    <br />
                    {tc('reloaded', { category: name })}
                  </>
                )}
              </p>
            )}
          </div>
          <p className="ga-field-hint ga-cat-note">{tc('editing', { category: name })}</p>
          {!draft.active && base.active && <p className="ga-warning">{tc('deactivateHint', { category: name })}</p>}
        </td>
      </tr>
    </>
  );

}

/** A field's problem below it, named by the field's aria-describedby. */
function FieldProblem({ id, text }: { id: string | undefined; text: string | null }) {
  if (!id || !text) return null;
  return (
    <p id={id} className="ga-cat-problem">
      {text}
    </p>
  );
}

/** A limit as a number and a unit (分钟, 小时, 天); below it the total when it reads differently ("90 分钟" → 1 小时 30 分钟). */
function LimitField({
  id,
  formId,
  label,
  unitLabel,
  value,
  onChange,
  problemId,
}: {
  id: string;
  formId: string;
  label: string;
  unitLabel: string;
  value: LimitInput;
  onChange: (value: LimitInput) => void;
  problemId: string | undefined;
}) {
  const t = useTranslations('catalogue');
  const limitText = useLimitText();
  const minutes = parseLimit(value);
  const parts = minutes.valid ? limitParts(minutes.value) : [];
  const plain = parts.length === 1 && parts[0]!.unit === value.unit;
  return (
    <>
      <span className="ga-cat-limit">
        <input
          id={id}
          form={formId}
          className="ga-cat-input ga-cat-number-input"
          inputMode="decimal"
          autoComplete="off"
          size={4}
          aria-label={label}
          aria-invalid={problemId ? true : undefined}
          aria-describedby={problemId}
          value={value.value}
          onChange={(e) => onChange({ ...value, value: e.target.value })}
        />
        <select
          form={formId}
          className="ga-cat-input"
          aria-label={unitLabel}
          value={value.unit}
          onChange={(e) => onChange({ ...value, unit: e.target.value as LimitUnit })}
        >
          {LIMIT_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`unitName.${u}`)}
            </option>
          ))}
        </select>
      </span>
      {minutes.valid && !plain && <span className="ga-cat-preview">{t('categories.limitPreview', { limit: limitText(minutes.value) })}</span>}
    </>
  );
}
