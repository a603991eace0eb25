'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useTRPC } from '@/app/trpc/client';
import { CreateUserForm } from './CreateUserForm';
import { SecurityLog } from './SecurityLog';
import { UserTable } from './UserTable';
import { useErrorText } from './outcome';

/** The administrator's page: the users they manage, a new user, and the security log. */
export function AdminApp({ passwordMinLength }: { passwordMinLength: number }) {
  const t = useTranslations('admin');
  const tc = useTranslations('catalogue');
  const trpc = useTRPC();
  const message = useErrorText();
  const users = useQuery(trpc.admin.users.queryOptions(undefined, { staleTime: 0 }));
  const jurisdictions = useQuery(trpc.admin.jurisdictions.queryOptions(undefined, { staleTime: Infinity }));
  const loadError = users.error ?? jurisdictions.error;
  return (
    <div className="ga-admin">
      <h1>{t('title')}</h1>
      <p>
        <Link className="ga-link" href="/admin/catalogue">
          {tc('title')}
        </Link>
      </p>
      <section className="ga-card ga-card-wide" aria-labelledby="ga-users-title">
        <h2 id="ga-users-title">{t('usersTitle')}</h2>
        {loadError && (
          <p role="alert" className="ga-form-error">
            {message(loadError)}
          </p>
        )}
        {(users.isPending || jurisdictions.isPending) && !loadError && <p role="status">{t('loading')}</p>}
        {users.data && jurisdictions.data && (
          <UserTable users={users.data} jurisdictions={jurisdictions.data} passwordMinLength={passwordMinLength} />
        )}
      </section>
      {jurisdictions.data && (
        <section className="ga-card ga-card-wide">
          <CreateUserForm jurisdictions={jurisdictions.data} passwordMinLength={passwordMinLength} />
        </section>
      )}
      <SecurityLog />
    </div>
  );
}
