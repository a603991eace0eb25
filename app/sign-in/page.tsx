import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { textIn } from '@/geo/text/localized-text';
import { safeNextPath } from '@/server/auth/next-path';
import { DEMO_PASSWORD, demoAccountsToOffer } from '@/server/seed/demo-accounts';
import { PageShell } from '../PageShell';
import { SignInForm } from './SignInForm';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('signIn.title')} · ${t('app.title')}` };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * /sign-in?next=/editor%3Fstreet%3D5[&ended=1]: the sign-in form, and while the demo city's accounts
 * exist, the list of them to sign in with one click. `next` is only ever a path of this app.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const locale = await getLocale();
  const demo = await demoAccountsToOffer();
  return (
    <PageShell wide={demo.length > 0}>
      <SignInForm
        next={safeNextPath(one(params.next))}
        ended={one(params.ended) === '1'}
        demoAccounts={demo.map((a) => ({ username: a.username, displayName: a.displayName, role: textIn(a.role, locale), jurisdiction: a.jurisdiction }))}
        demoPassword={DEMO_PASSWORD}
      />
    </PageShell>
  );
}
