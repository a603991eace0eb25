import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import { scopeOf } from '@/server/auth/policy';
import { NoAccess } from '../NoAccess';
import { PageShell } from '../PageShell';
import { UserMenu } from '../UserMenu';
import { AcademyApp } from './AcademyApp';
import './academy.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('academy.page.title')} · ${t('app.title')}` };
}

/**
 * /academy (网格学院): the district figures, the syllabus, the sessions with enrolment, attendance and
 * scores. Security: 'academy' to read and enrol (street editors, district reviewers, administrators of
 * the jurisdiction); the session, attendance and score forms show with 'academy_manage', the course form
 * to a city-wide manager only; the server checks every call whatever the page shows.
 */
export default async function AcademyPage() {
  const access = await pageAccess('GET /academy', '/academy');
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  const manage = scopeOf(access.actor, 'academy_manage');
  return (
    <PageShell wide user={<UserMenu viewer={access.view} />}>
      <AcademyApp manages={manage !== null} managesSyllabus={manage?.all === true} />
    </PageShell>
  );
}
