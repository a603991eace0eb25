'use client';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useTRPC } from '@/app/trpc/client';
import { LocaleSwitch } from '@/app/map/LocaleSwitch';
import { UserMenu } from '@/app/UserMenu';
import type { ActorView } from '@/server/auth/policy';
import { errorText } from './errors';
import { RestoreForm } from './RestoreForm';

/** The streets the signed-in user may edit (drafts.streets lists only those), filterable by name or code. */
export function StreetChooser({ viewer }: { viewer: ActorView }) {
  const t = useTranslations('editor');
  const locale = useLocale();
  const trpc = useTRPC();
  const streets = useQuery(trpc.drafts.streets.queryOptions());
  const tr = useTranslations('workflow.restore');
  const router = useRouter();
  const [filter, setFilter] = useState('');
  const [restoreStreet, setRestoreStreet] = useState<number | null>(null);
  // Here for the streets with no draft yet; a street's own unsubmitted draft is restored from inside the editor.
  const restorable = useMemo(() => (streets.data ?? []).filter((s) => s.draftId === null), [streets.data]);
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
          <UserMenu viewer={viewer} />
        </nav>
      </header>
      <p>{t('onlyYourStreets')}</p>
      <label className="ed-inline">
        {t('filterStreets')}
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {streets.isPending && <p role="status">{t('loading')}</p>}
      {streets.error && (
        <p role="alert" className="ed-error">
          {errorText(streets.error, locale, t('streetsFailed')).text}
        </p>
      )}
      {streets.data?.length === 0 && <p role="status">{t('noStreets')}</p>}
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
      {restorable.length > 0 && (
        <section className="ed-chooser-restore">
          <RestoreForm streetId={restoreStreet} onRestored={(d) => router.push(`/editor?street=${d.streetId}`)}>
            <label className="ed-inline">
              {tr('street')}
              <select value={restoreStreet ?? ''} onChange={(e) => setRestoreStreet(e.target.value ? Number(e.target.value) : null)} data-testid="restore-street">
                <option value="">{tr('chooseStreet')}</option>
                {restorable.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.districtName} · {s.name}
                  </option>
                ))}
              </select>
            </label>
          </RestoreForm>
        </section>
      )}
    </main>
  );
}
