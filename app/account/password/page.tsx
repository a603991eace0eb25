import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import { PASSWORD_MIN_LENGTH } from '@/server/auth/sign-in';
import { NoAccess } from '../../NoAccess';
import { PageShell } from '../../PageShell';
import { UserMenu } from '../../UserMenu';
import { PasswordForm } from './PasswordForm';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('password.title')} · ${t('app.title')}` };
}

/** Changing one's own password; also where a user lands after an administrator reset theirs. */
export default async function PasswordPage() {
  const access = await pageAccess('GET /account/password', '/account/password');
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  const { view } = access;
  // While a reset password is pending nothing else is open to them, so no menu of other pages.
  return (
    <PageShell user={view.mustChangePassword ? undefined : <UserMenu viewer={view} />}>
      <PasswordForm displayName={view.displayName} mustChange={view.mustChangePassword} minLength={PASSWORD_MIN_LENGTH} />
    </PageShell>
  );
}
