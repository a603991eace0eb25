import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { textIn, type LocalizedText } from '@/geo/text/localized-text';
import type { ActorView } from '@/server/auth/policy';
import { ROLE_LABELS } from '@/server/auth/roles';
import { PageShell } from './PageShell';
import { SignOutButton } from './SignOutButton';

/**
 * What a page shows instead of its content when the signed-in user may not see it: the server's reason
 * (in the current language), who is signed in with which roles, and the ways on.
 */
export async function NoAccess({ view, reason }: { view: ActorView; reason: LocalizedText }) {
  const t = await getTranslations('access');
  const locale = await getLocale();
  return (
    <PageShell>
      <section className="ga-card" aria-labelledby="ga-no-access-title">
        <h1 id="ga-no-access-title">{t('title')}</h1>
        <p className="ga-form-error" data-testid="no-access-reason">
          {textIn(reason, locale)}
        </p>
        <p>{t('signedInAs', { name: view.displayName, username: view.username })}</p>
        <ul className="ga-plain-list">
          {view.grants.map((g) => (
            <li key={`${g.role}-${g.jurisdiction.level}-${g.jurisdiction.id}`}>
              {textIn(ROLE_LABELS[g.role], locale)} · {g.jurisdiction.name}
            </li>
          ))}
        </ul>
        <p className="ga-card-actions">
          <Link className="ga-primary" href="/">
            {t('toMap')}
          </Link>
          <SignOutButton className="ga-secondary" />
        </p>
      </section>
    </PageShell>
  );
}
