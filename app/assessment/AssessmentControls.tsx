'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { AreaSelect } from '@/app/map/AreaSelect';
import type { AssessmentGroup } from '@/server/incidents/assessment';
import type { AreaChoices } from './areas';
import { MAX_PERIOD_DAYS, PERIOD_CHOICES, presetDays, type Period, type PeriodCheck, type PeriodChoice } from './period';
import { GROUPS } from './view-state';

export interface AssessmentControlsProps {
  group: AssessmentGroup;
  period: Period;
  check: PeriodCheck;
  today: string;
  area: string | null;
  areas: AreaChoices;
  /** The period's days written out (when valid). */
  periodText: string | null;
  onGroup: (group: AssessmentGroup) => void;
  onPeriod: (period: Period) => void;
  onArea: (area: string | null) => void;
}

/** Grouping, period (a preset or two days) and area, each a labelled control; the page keeps them in the URL. */
export function AssessmentControls(props: AssessmentControlsProps) {
  const t = useTranslations('assessment');
  const id = useId();
  const { period, check, areas, area } = props;
  const custom = period.choice === 'custom';
  const reason = check.valid ? null : check.reason;
  const district = area?.slice(0, 6) ?? '';
  const streets = district ? (areas.streets.get(district) ?? []) : [];

  const choose = (choice: PeriodChoice) => {
    if (choice !== 'custom') return props.onPeriod({ choice, from: '', to: '' });
    // Custom starts from the days shown until now, so only what changes has to be typed.
    const days = check.valid ? check.days : presetDays('this-month', props.today);
    props.onPeriod({ choice, from: period.from || days.from, to: period.to || days.to });
  };

  return (
    <section className="ga-card as-controls" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="ga-visually-hidden">
        {t('controls.title')}
      </h2>
      <div className="as-control-row">
        <div className="ga-field">
          <label htmlFor={`${id}-group`}>{t('controls.group')}</label>
          <select id={`${id}-group`} value={props.group} onChange={(e) => props.onGroup(e.target.value as AssessmentGroup)} data-testid="assessment-group">
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`groups.${g}`)}
              </option>
            ))}
          </select>
        </div>

        <div className="ga-field">
          <label htmlFor={`${id}-period`}>{t('controls.period')}</label>
          <select
            id={`${id}-period`}
            value={period.choice}
            onChange={(e) => choose(e.target.value as PeriodChoice)}
            aria-describedby={`${id}-period-days`}
            data-testid="assessment-period"
          >
            {PERIOD_CHOICES.map((p) => (
              <option key={p} value={p}>
                {t(`periods.${p}`)}
              </option>
            ))}
          </select>
        </div>

        {custom && (
          <>
            <div className="ga-field">
              <label htmlFor={`${id}-from`}>{t('controls.from')}</label>
              <input
                id={`${id}-from`}
                type="date"
                value={period.from}
                max={period.to || undefined}
                aria-invalid={reason === 'FROM_INVALID' || reason === 'PERIOD_REVERSED' || reason === 'PERIOD_TOO_LONG'}
                aria-describedby={reason ? `${id}-period-error` : undefined}
                onChange={(e) => props.onPeriod({ ...period, from: e.target.value })}
              />
            </div>
            <div className="ga-field">
              <label htmlFor={`${id}-to`}>{t('controls.to')}</label>
              <input
                id={`${id}-to`}
                type="date"
                value={period.to}
                min={period.from || undefined}
                aria-invalid={reason === 'TO_INVALID' || reason === 'PERIOD_REVERSED' || reason === 'PERIOD_TOO_LONG'}
                aria-describedby={reason ? `${id}-period-error` : undefined}
                onChange={(e) => props.onPeriod({ ...period, to: e.target.value })}
              />
            </div>
          </>
        )}

        <fieldset className="as-area">
          <legend>{t('controls.area')}</legend>
          <AreaSelect
            id={`${id}-district`}
            label={t('controls.district')}
            testId="assessment-district"
            value={district}
            noneLabel={t('controls.allDistricts')}
            areas={areas.districts}
            onChange={props.onArea}
          />
          <AreaSelect
            id={`${id}-street`}
            label={t('controls.street')}
            testId="assessment-street"
            value={area && area.length === 9 ? area : ''}
            noneLabel={t('controls.allStreets')}
            areas={streets}
            disabled={!district}
            describedBy={district ? undefined : `${id}-street-hint`}
            // All streets: the district alone.
            onChange={(street) => props.onArea(street ?? (district || null))}
          >
            {!district && (
              <span id={`${id}-street-hint`} className="ga-field-hint as-hint">
                {t('controls.streetNeedsDistrict')}
              </span>
            )}
          </AreaSelect>
        </fieldset>
      </div>
      <p id={`${id}-period-days`} className="ga-muted ga-small as-period-days">
        {props.periodText}
      </p>
      <div role="alert" className="ga-alert-region">
        {reason && (
          <p id={`${id}-period-error`} className="ga-form-error">
            {t(`periodErrors.${reason}`, { max: MAX_PERIOD_DAYS })}
          </p>
        )}
      </div>
    </section>
  );
}
