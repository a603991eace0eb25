'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { textIn, type LocalizedText } from '@/geo/text/localized-text';
import type { AreaChoices } from './areas';
import { phaseOf, STATE_CHOICES, TIME_WINDOWS, type CommandFilters, type StateChoice } from './filters';
import type { IncidentState } from '@/geo/incidents/incident-states';

export interface FilterBarProps {
  filters: CommandFilters;
  onChange: (f: CommandFilters) => void;
  categories: { code: string; name: LocalizedText }[];
  areas: AreaChoices;
}

/** The filters of the cases shown: each control applies at once (the map and lists reload). */
export function FilterBar({ filters, onChange, categories, areas }: FilterBarProps) {
  const t = useTranslations('command');
  const locale = useLocale();
  const id = useId();
  const set = (patch: Partial<CommandFilters>) => onChange({ ...filters, ...patch });
  const district = filters.areaCode?.slice(0, 6) ?? '';
  const streets = district ? (areas.streets.get(district) ?? []) : [];
  const stateLabel = (s: StateChoice) => {
    if (s === 'all') return t('filters.allStates');
    const phase = phaseOf(s);
    return phase ? t(`filters.phase.${phase}`) : t(`state.${s as IncidentState}`);
  };

  return (
    <form className="ga-command-filters" role="search" aria-label={t('filters.heading')} onSubmit={(e) => e.preventDefault()}>
      <h2 className="ga-command-heading">{t('filters.heading')}</h2>
      <div className="ga-command-filter-grid">
        <label htmlFor={`${id}-window`}>{t('filters.window')}</label>
        <select id={`${id}-window`} value={filters.window} onChange={(e) => set({ window: e.target.value as CommandFilters['window'] })}>
          {TIME_WINDOWS.map((w) => (
            <option key={w} value={w}>
              {t(`filters.windows.${w}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-category`}>{t('filters.category')}</label>
        <select id={`${id}-category`} value={filters.category ?? ''} onChange={(e) => set({ category: e.target.value || null })}>
          <option value="">{t('filters.allCategories')}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {textIn(c.name, locale)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-state`}>{t('filters.state')}</label>
        <select id={`${id}-state`} value={filters.state} onChange={(e) => set({ state: e.target.value as StateChoice })}>
          {STATE_CHOICES.map((s) => (
            <option key={s} value={s}>
              {stateLabel(s)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-district`}>{t('filters.district')}</label>
        <select id={`${id}-district`} value={district} onChange={(e) => set({ areaCode: e.target.value || null })}>
          <option value="">{t('filters.allDistricts')}</option>
          {areas.districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-street`}>{t('filters.street')}</label>
        <select
          id={`${id}-street`}
          value={filters.areaCode && filters.areaCode.length > 6 ? filters.areaCode : ''}
          disabled={!district}
          onChange={(e) => set({ areaCode: e.target.value || district || null })}
        >
          <option value="">{t('filters.allStreets')}</option>
          {streets.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <label className="ga-check">
        <input type="checkbox" checked={filters.overdueOnly} onChange={(e) => set({ overdueOnly: e.target.checked })} />
        <span>{t('filters.overdueOnly')}</span>
      </label>
    </form>
  );
}
