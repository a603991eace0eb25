'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useTRPC } from '@/app/trpc/client';
import { textIn } from '@/geo/text/localized-text';
import type { Jurisdiction } from '@/server/auth/actor';
import { DATA_LAYERS, ROLE_LABELS, ROLE_LEVELS, ROLES, type JurisdictionLevel, type Role } from '@/server/auth/roles';
import { SelectField } from './SelectField';
import { newGrant, withJurisdiction, withLevel, withRole, type GrantDraft } from './grants';

export interface GrantsEditorProps {
  grants: GrantDraft[];
  onChange: (grants: GrantDraft[]) => void;
  /** The areas the administrator may grant over (admin.jurisdictions), in code order. */
  jurisdictions: Jurisdiction[];
  disabled?: boolean;
}

/** One or more roles, each over a jurisdiction; a grid worker's worker record; a department's layers. */
export function GrantsEditor({ grants, onChange, jurisdictions, disabled }: GrantsEditorProps) {
  const t = useTranslations('admin');
  const set = (i: number, g: GrantDraft) => onChange(grants.map((old, j) => (j === i ? g : old)));
  return (
    <div className="ga-grants">
      {grants.map((g, i) => (
        <GrantFields
          key={i}
          index={i}
          grant={g}
          onChange={(next) => set(i, next)}
          onRemove={grants.length > 1 ? () => onChange(grants.filter((_, j) => j !== i)) : undefined}
          jurisdictions={jurisdictions}
          disabled={disabled}
        />
      ))}
      <button type="button" className="ga-secondary" disabled={disabled} onClick={() => onChange([...grants, newGrant()])}>
        {t('addGrant')}
      </button>
    </div>
  );
}

interface GrantFieldsProps {
  index: number;
  grant: GrantDraft;
  onChange: (g: GrantDraft) => void;
  onRemove?: () => void;
  jurisdictions: Jurisdiction[];
  disabled?: boolean;
}

function GrantFields({ index, grant, onChange, onRemove, jurisdictions, disabled }: GrantFieldsProps) {
  const t = useTranslations('admin');
  const locale = useLocale();
  const districts = new Map(jurisdictions.filter((j) => j.level === 'district').map((j) => [j.code, j.name]));
  // A street is named with its district: several districts may have a street of the same name.
  const label = (j: Jurisdiction) => (j.level === 'street' ? `${districts.get(j.code.slice(0, 6)) ?? ''} · ${j.name}` : j.name);
  const choices = jurisdictions.filter((j) => j.level === grant.level);
  return (
    <fieldset className="ga-grant" disabled={disabled}>
      <legend>{t('grantLegend', { n: index + 1 })}</legend>
      <SelectField label={t('role')} value={grant.role} onChange={(v) => onChange(withRole(grant, v as Role))}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {textIn(ROLE_LABELS[r], locale)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('level')} value={grant.level} onChange={(v) => onChange(withLevel(grant, v as JurisdictionLevel))}>
        {ROLE_LEVELS[grant.role].map((l) => (
          <option key={l} value={l}>
            {t(`levels.${l}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('jurisdiction')} value={grant.jurisdictionId ?? ''} onChange={(v) => onChange(withJurisdiction(grant, v ? Number(v) : null))}>
        <option value="">{t('choose')}</option>
        {choices.map((j) => (
          <option key={j.id} value={j.id}>
            {label(j)} ({j.code})
          </option>
        ))}
      </SelectField>
      {grant.role === 'grid_worker' && grant.jurisdictionId !== null && (
        <WorkerSelect streetId={grant.jurisdictionId} value={grant.workerId} onChange={(workerId) => onChange({ ...grant, workerId })} />
      )}
      {grant.role === 'department_reader' && (
        <fieldset className="ga-layers-choice">
          <legend>{t('layers')}</legend>
          {DATA_LAYERS.map((l) => (
            <label key={l} className="ga-check">
              <input
                type="checkbox"
                checked={grant.layers.includes(l)}
                onChange={(e) => onChange({ ...grant, layers: DATA_LAYERS.filter((x) => (x === l ? e.target.checked : grant.layers.includes(x))) })}
              />
              <span>{t(`layer.${l}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {onRemove && (
        <button type="button" className="ga-secondary" onClick={onRemove}>
          {t('removeGrant', { n: index + 1 })}
        </button>
      )}
    </fieldset>
  );
}

/** The grid workers of the chosen street (admin.workers), for a grid worker's account. */
function WorkerSelect({ streetId, value, onChange }: { streetId: number; value: number | null; onChange: (id: number | null) => void }) {
  const t = useTranslations('admin');
  const tEmployment = useTranslations('employment');
  const trpc = useTRPC();
  const workers = useQuery(trpc.admin.workers.queryOptions({ streetId }, { staleTime: 5 * 60_000 }));
  return (
    <SelectField label={t('worker')} value={value ?? ''} onChange={(v) => onChange(v ? Number(v) : null)} busy={workers.isPending}>
      <option value="">{workers.isPending ? t('loading') : t('choose')}</option>
      {(workers.data ?? []).map((w) => (
        <option key={w.id} value={w.id}>
          {w.name} · {w.community} · {tEmployment(w.employment as 'full_time' | 'part_time')}
        </option>
      ))}
    </SelectField>
  );
}
