'use client';

import { useTranslations } from 'next-intl';

/** Who a report at a place goes to: its grid and the grid's full-time worker (扫码定责), or why nobody yet. */
export function ResponsibleLine({ grid, worker }: { grid: { code: string; name: string } | null; worker: { id: number; name: string } | null }) {
  const t = useTranslations('incidents.responsible');
  return (
    <p className="rp-responsible" data-testid="responsible-line">
      {!grid ? t('noGrid') : worker ? t('gridAndWorker', { grid: grid.name || grid.code, worker: worker.name }) : t('gridOnly', { grid: grid.name || grid.code })}
    </p>
  );
}
