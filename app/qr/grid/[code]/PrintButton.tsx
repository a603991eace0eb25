'use client';

import { useTranslations } from 'next-intl';
import { useHydrated } from '@/app/use-hydrated';

/** Prints the sheet (the print stylesheet lays the labels out on A4). */
export function PrintButton() {
  const t = useTranslations('incidents.qr');
  const hydrated = useHydrated();
  return (
    <button type="button" className="ga-primary qr-print" disabled={!hydrated} onClick={() => window.print()}>
      {t('print')}
    </button>
  );
}
