'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { LocaleSwitch } from '@/app/map/LocaleSwitch';

/** The list of streets whose grids can be edited, filterable by name or code. */
export function StreetChooser() {
  const t = useTranslations('editor');
  const trpc = useTRPC();
  const streets = useQuery(trpc.drafts.streets.queryOptions());
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const f = filter.trim();
    return (streets.data ?? []).filter((s) => !f || s.name.includes(f) || s.code.startsWith(f) || s.districtName.includes(f));
  }, [streets.data, filter]);
  return (
    <main className="ed-chooser">
      <header className="ed-header">
        <h1>{t('chooseStreet')}</h1>
        <nav className="ed-nav">
          <Link href="/">{t('backToMap')}</Link>
          <LocaleSwitch />
        </nav>
      </header>
      <label className="ed-inline">
        {t('filterStreets')}
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {streets.isPending && <p role="status">{t('loading')}</p>}
      <ul className="ed-street-list">
        {shown.map((s) => (
          <li key={s.id}>
            <Link href={`/editor?street=${s.id}`}>
              {s.districtName} · {s.name} <span className="ed-code">{s.code}</span>
              {s.draftId !== null && <span className="ed-badge">{t('hasDraft')}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
