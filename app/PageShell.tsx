import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitch } from './map/LocaleSwitch';
import './pages.css';

/**
 * The frame of the pages around the map (sign-in, password, no access, administration): the product's
 * bar with the language switch and, when someone is signed in, their menu; the page's own content below.
 */
export async function PageShell({ children, user, wide = false }: { children: ReactNode; user?: ReactNode; wide?: boolean }) {
  const t = await getTranslations('app');
  return (
    <div className="ga-page">
      <header className="ga-page-bar">
        <div className="ga-brand">
          <span className="ga-brand-mark" aria-hidden="true" />
          <div>
            <p className="ga-brand-title">{t('title')}</p>
            <p className="ga-brand-subtitle">{t('subtitle')}</p>
          </div>
        </div>
        <LocaleSwitch />
        {user}
      </header>
      <main className={wide ? 'ga-page-main ga-page-wide' : 'ga-page-main'}>{children}</main>
    </div>
  );
}
