'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useCallback, useId, useMemo, useState } from 'react';
import { accuracyMetres, formatDegrees, geolocationAvailability, geolocationFailure, GEOLOCATION_OPTIONS, placeFromFields, type GeolocationFailure } from './location';
import type { Bounds } from './pick-map';
import { ReportForm } from './ReportForm';

function MapLoading() {
  const t = useTranslations('incidents.location');
  return <div className="rp-map rp-map-loading">{t('mapLoading')}</div>;
}

const PickMap = dynamic(() => import('./PickMap'), { ssr: false, loading: () => <MapLoading /> });

type Fix = { state: 'idle' } | { state: 'locating' } | { state: 'located'; accuracy: number } | { state: 'failed'; failure: GeolocationFailure };

/**
 * The grid worker's patrol report (巡查上报): the place from the phone's position, a tap on the small
 * map, or longitude and latitude typed in; then the shared report form (source: patrol).
 */
export function PatrolReport({ bounds }: { bounds: Bounds }) {
  const t = useTranslations('incidents.location');
  const ids = useId();
  const lonId = `${ids}-lon`;
  const latId = `${ids}-lat`;
  const placeErrorId = `${ids}-place-error`;
  const mapHintId = `${ids}-map-hint`;
  const [lonText, setLonText] = useState('');
  const [latText, setLatText] = useState('');
  const [followKey, setFollowKey] = useState(0);
  const [fix, setFix] = useState<Fix>({ state: 'idle' });

  const place = useMemo(() => placeFromFields(lonText, latText), [lonText, latText]);
  const point: [number, number] | null = place.ok && place.place.kind === 'point' ? [place.place.lon, place.place.lat] : null;

  const setPoint = useCallback((p: [number, number], follow: boolean) => {
    setLonText(formatDegrees(p[0]));
    setLatText(formatDegrees(p[1]));
    if (follow) setFollowKey((k) => k + 1);
  }, []);

  function locate() {
    const unavailable = geolocationAvailability({ secure: window.isSecureContext, hasGeolocation: 'geolocation' in navigator });
    if (unavailable) return setFix({ state: 'failed', failure: unavailable });
    setFix({ state: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPoint([pos.coords.longitude, pos.coords.latitude], true);
        setFix({ state: 'located', accuracy: accuracyMetres(pos.coords.accuracy) });
      },
      (err) => setFix({ state: 'failed', failure: geolocationFailure(err.code) }),
      GEOLOCATION_OPTIONS,
    );
  }

  const mapLocale = useMemo(
    () => ({ 'Map.Title': t('mapLabel'), 'NavigationControl.ZoomIn': t('zoomIn'), 'NavigationControl.ZoomOut': t('zoomOut'), 'NavigationControl.ResetBearing': t('resetBearing') }),
    [t],
  );

  const fixText =
    fix.state === 'locating'
      ? t('locating')
      : fix.state === 'located' && point
        ? t('located', { lon: formatDegrees(point[0]), lat: formatDegrees(point[1]), metres: fix.accuracy })
        : null;

  const placeStep = (
    <fieldset className="rp-fieldset rp-location">
      <legend className="rp-legend">{t('title')}</legend>
      <button type="button" className="ga-secondary rp-button rp-locate" onClick={locate} disabled={fix.state === 'locating'} aria-describedby={placeErrorId}>
        <span aria-hidden="true" className="rp-locate-icon">◎</span>
        {t('useDevice')}
      </button>
      <div role="status" aria-live="polite" className="rp-fix">
        {fixText}
      </div>
      <div role="alert" className="ga-alert-region">
        {fix.state === 'failed' && <p className="ga-form-error">{t(`failures.${fix.failure}`)}</p>}
      </div>
      <p id={mapHintId} className="ga-field-hint rp-hint">
        {t('mapHint')}
      </p>
      <PickMap bounds={bounds} point={point} followKey={followKey} locale={mapLocale} describedBy={mapHintId} onPick={(p) => setPoint(p, false)} />
      <div className="rp-coords">
        <div className="rp-field">
          <label htmlFor={lonId}>{t('lon')}</label>
          <input
            id={lonId}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={lonText}
            aria-describedby={placeErrorId}
            aria-invalid={!place.ok && place.reason === 'LON_INVALID' ? true : undefined}
            onChange={(e) => setLonText(e.target.value)}
            onBlur={() => point && setFollowKey((k) => k + 1)}
          />
        </div>
        <div className="rp-field">
          <label htmlFor={latId}>{t('lat')}</label>
          <input
            id={latId}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={latText}
            aria-describedby={placeErrorId}
            aria-invalid={!place.ok && place.reason === 'LAT_INVALID' ? true : undefined}
            onChange={(e) => setLatText(e.target.value)}
            onBlur={() => point && setFollowKey((k) => k + 1)}
          />
        </div>
      </div>
      <p className="rp-chosen">
        {point ? t('chosen', { lon: formatDegrees(point[0]), lat: formatDegrees(point[1]) }) : t('none')}
      </p>
    </fieldset>
  );

  return (
    <ReportForm
      source="patrol"
      place={place}
      placeFieldId={lonId}
      placeErrorId={placeErrorId}
      placeStep={placeStep}
      onAnother={() => {
        // The next report needs its own place: a stale one would send it to the wrong spot.
        setLonText('');
        setLatText('');
        setFix({ state: 'idle' });
      }}
    />
  );
}
