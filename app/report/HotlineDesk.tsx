'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import type { AddressChoice } from './address-search';
import { AddressFinder } from './AddressFinder';
import { useFailureText } from './report-client';
import type { PlaceStatus } from './report-form';
import { ReportForm } from './ReportForm';
import { ResponsibleLine } from './ResponsibleLine';

/**
 * The hotline desk (一号通受理): the command centre takes a call, finds the standard address it is about,
 * sees whose grid it is, writes down the caller and the problem, and files it at the address (source:
 * hotline).
 */
export function HotlineDesk() {
  const t = useTranslations('incidents.hotline');
  const trpc = useTRPC();
  const failureText = useFailureText();
  const ids = useId();
  const inputId = `${ids}-address`;
  const placeErrorId = `${ids}-place-error`;
  const [chosen, setChosen] = useState<AddressChoice | null>(null);
  // A new finder for each call ("report another" empties it).
  const [round, setRound] = useState(0);

  const bound = useQuery(trpc.incidents.placeOfCode.queryOptions({ kind: 'address', code: chosen?.code ?? '' }, { enabled: chosen !== null }));
  const place = useMemo<PlaceStatus>(
    () => (chosen ? { ok: true, place: { kind: 'address', addressId: chosen.addressId } } : { ok: false, reason: 'ADDRESS_REQUIRED' }),
    [chosen],
  );

  const placeStep = (
    <fieldset className="rp-fieldset">
      <legend className="rp-legend">{t('placeTitle')}</legend>
      <AddressFinder key={round} inputId={inputId} describedBy={placeErrorId} chosen={chosen} onChoose={setChosen} />
      <div aria-live="polite" className="rp-chosen-address">
        {chosen && (
          <div className="rp-place-card">
            <p className="rp-place-label">{t('chosen')}</p>
            <p className="rp-place-name">{chosen.address}</p>
            <p className="rp-place-context">
              {chosen.context} · <span className="ga-mono">{chosen.code}</span>
            </p>
            {bound.data && <ResponsibleLine grid={bound.data.grid} worker={bound.data.gridWorker} />}
            {bound.error && <p className="rp-field-error">{failureText(bound.error).text}</p>}
          </div>
        )}
      </div>
    </fieldset>
  );

  return (
    <ReportForm
      source="hotline"
      place={place}
      placeFieldId={inputId}
      placeErrorId={placeErrorId}
      placeStep={placeStep}
      reporterFields
      onAnother={() => {
        setChosen(null);
        setRound((r) => r + 1);
      }}
    />
  );
}
