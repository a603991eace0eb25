'use client';

import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import type { StaffingLevel } from '@/geo/staffing/compliance';
import { useErrorText } from '@/app/admin/outcome';
import { useTRPC } from '@/app/trpc/client';
import { ComplianceTable } from './ComplianceTable';
import { RecruitForm, WorkerRegister } from './WorkerRegister';
import { STATUS_COLOURS, STATUS_ORDER, statusFill } from './status';

const AssessmentMap = dynamic(() => import('../assessment/AssessmentMap'), { ssr: false, loading: () => <p role="status">…</p> });

const LEVELS: readonly StaffingLevel[] = ['district', 'street', 'community', 'grid'];

/**
 * The staffing page (队伍管理): what the figures are for (level, day, street), the compliance table, the
 * street's grids coloured on the map (the assessment page's map of grid tiles, filled by status), and the
 * street's register with its forms. The server narrows everything to the user's scope.
 */
export function StaffingApp({ manages }: { manages: boolean }) {
  const t = useTranslations('staffing');
  const trpc = useTRPC();
  const message = useErrorText();
  const [level, setLevel] = useState<StaffingLevel>('street');
  const [asOf, setAsOf] = useState('');
  const [onlyDefects, setOnlyDefects] = useState(false);
  const [streetId, setStreetId] = useState<number | null>(null);
  const [clicked, setClicked] = useState<string | null>(null);
  const ids = { level: useId(), asOf: useId(), street: useId(), alt: useId() };

  const streets = useQuery(trpc.staffing.streets.queryOptions(undefined));
  const chosenStreet = streets.data?.find((s) => s.id === streetId) ?? (streets.data?.length === 1 ? streets.data[0]! : null);
  const day = asOf || undefined;
  // Grids are listed one street at a time (a city has thousands); communities of the chosen street, or all.
  const needsStreet = level === 'grid' && !chosenStreet;
  const compliance = useQuery({
    ...trpc.staffing.compliance.queryOptions({ level, withinCode: level === 'grid' || level === 'community' ? (chosenStreet?.code ?? null) : null, asOf: day }),
    enabled: !needsStreet,
  });
  const grids = useQuery({ ...trpc.staffing.grids.queryOptions({ streetId: chosenStreet?.id ?? 1, asOf: day }), enabled: !!chosenStreet });
  const fill = useMemo(() => statusFill(grids.data ?? []), [grids.data]);
  const frame = useMemo(() => (grids.data && grids.data.length > 0 ? { codes: grids.data.map((g) => g.code), animate: false } : null), [grids.data]);
  const clickedGrid = grids.data?.find((g) => g.code === clicked) ?? null;
  const mapLocale = useMemo(() => ({ 'NavigationControl.ZoomIn': t('map.zoomIn'), 'NavigationControl.ZoomOut': t('map.zoomOut') }), [t]);

  return (
    <div className="sf-page">
      <h1>{t('page.title')}</h1>
      <p className="sf-intro">{t('page.intro')}</p>
      <p className="sf-intro ga-muted">{manages ? t('page.manages') : t('page.readOnly')}</p>

      <section className="ga-card" aria-labelledby="sf-filters-title">
        <h2 id="sf-filters-title">{t('filters.title')}</h2>
        <div className="ga-form-row">
          <label className="ga-field" htmlFor={ids.level}>
            {t('filters.level')}
            <select id={ids.level} value={level} onChange={(e) => setLevel(e.target.value as StaffingLevel)}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`levels.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="ga-field" htmlFor={ids.street}>
            {t('filters.street')}
            <select id={ids.street} value={chosenStreet?.id ?? ''} onChange={(e) => setStreetId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('filters.chooseStreet')}</option>
              {streets.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.districtName} · {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="ga-field" htmlFor={ids.asOf}>
            {t('filters.asOf')}
            <input id={ids.asOf} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          </label>
          <label className="ga-field ga-field-inline">
            <input type="checkbox" checked={onlyDefects} onChange={(e) => setOnlyDefects(e.target.checked)} />
            {t('filters.onlyDefects')}
          </label>
        </div>
        {streets.error && (
          <p role="alert" className="ga-form-error">
            {message(streets.error)}
          </p>
        )}
      </section>

      <ComplianceTable level={level} query={compliance} onlyDefects={onlyDefects} needsStreet={needsStreet} />

      <section className="ga-card" aria-labelledby="sf-map-title">
        <h2 id="sf-map-title">{t('map.title')}</h2>
        {!chosenStreet ? (
          <p className="ga-muted">{t('map.chooseStreet')}</p>
        ) : (
          <>
            <div className="sf-map">
              <AssessmentMap
                group="grid"
                fill={fill}
                selected={null}
                frame={frame}
                locale={mapLocale}
                label={t('map.label', { street: chosenStreet.name })}
                describedBy={ids.alt}
                onAreaClick={(code) => setClicked(code)}
              />
            </div>
            <p id={ids.alt} className="ga-muted ga-small">
              {t('map.alternative')}
            </p>
            <p role="status" className="sf-clicked">
              {clickedGrid && t('map.clicked', { grid: clickedGrid.name, status: t(`status.${clickedGrid.status}`), fullTime: clickedGrid.fullTime, partTime: clickedGrid.partTime })}
            </p>
            <ul className="sf-legend" aria-label={t('map.legend')}>
              {STATUS_ORDER.map((s) => (
                <li key={s} className="sf-status">
                  <span className="sf-swatch" aria-hidden="true" style={{ background: STATUS_COLOURS[s] }} />
                  {t(`status.${s}`)} ({grids.data?.filter((g) => g.status === s).length ?? 0})
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {chosenStreet && manages && <RecruitForm streetCode={chosenStreet.code} asOf={day} />}
      {chosenStreet && <WorkerRegister street={chosenStreet} asOf={day} manages={manages} grids={grids.data ?? []} />}
    </div>
  );
}
