'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { AreaSelect } from '@/app/map/AreaSelect';
import type { PlanningAreas } from '@/server/planner/scope';
import { chooseDistrict, chooseStreet, communitiesOf, streetsOf, toggleCommunity, type ScopeChoice } from './scope';
import type { PlannerFormat } from './format';

export interface ScopeChooserProps {
  areas: PlanningAreas;
  choice: ScopeChoice;
  onChange: (choice: ScopeChoice) => void;
  format: PlannerFormat;
  /** The id of the form's message about the scope (none chosen), when there is one. */
  problemId: string | null;
}

/**
 * District → street → (optionally) some of its communities. Two selects and a group of checkboxes: all
 * native controls, so the keyboard and screen readers work as everywhere else.
 */
export function ScopeChooser({ areas, choice, onChange, format, problemId }: ScopeChooserProps) {
  const t = useTranslations('planner.form');
  const id = useId();
  const streets = streetsOf(areas, choice.district);
  const communities = communitiesOf(areas, choice.street);
  return (
    <fieldset className="pn-scope" aria-describedby={problemId ? `${id}-hint ${problemId}` : `${id}-hint`}>
      <legend>{t('scope')}</legend>
      <AreaSelect
        id={`${id}-district`}
        label={t('district')}
        testId="planner-district"
        value={choice.district ?? ''}
        noneLabel={t('chooseDistrict')}
        areas={areas.districts}
        invalid={Boolean(problemId)}
        onChange={(district) => onChange(chooseDistrict(choice, district))}
      />
      <AreaSelect
        id={`${id}-street`}
        label={t('street')}
        testId="planner-street"
        value={choice.street ?? ''}
        noneLabel={t('wholeDistrict')}
        areas={streets}
        disabled={!choice.district}
        onChange={(street) => onChange(chooseStreet(choice, street))}
      />
      {communities.length > 0 && (
        <fieldset className="pn-communities">
          <legend>{t('communities')}</legend>
          <p className="ga-field-hint">{t('communitiesHint')}</p>
          <ul>
            {communities.map((c) => (
              <li key={c.code}>
                <label className="pn-check">
                  <input type="checkbox" checked={choice.communities.includes(c.code)} onChange={(e) => onChange(toggleCommunity(choice, c.code, e.target.checked))} />
                  <span>{c.name}</span>
                  <span className="ga-muted ga-small">{t('communityFigures', { households: format.count(c.households), addresses: format.count(c.addresses) })}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <p id={`${id}-hint`} className="ga-field-hint">
        {t('scopeHint')}
      </p>
    </fieldset>
  );
}
