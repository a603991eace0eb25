import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { chinaDayOf } from '@/geo/time/china-day';
import { pageAccess } from '@/server/auth/page-guard';
import { now } from '@/server/clock';
import { NoAccess } from '../../NoAccess';
import { PageShell } from '../../PageShell';
import { UserMenu } from '../../UserMenu';
import { PlanApp } from '../PlanApp';
import '../plans.css';

export const dynamic = 'force-dynamic';

/** The plan id of the path: a positive safe integer written plainly (no sign, exponent or leading zero). */
function planId(param: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(param)) return null;
  const id = Number(param);
  return Number.isSafeInteger(id) ? id : null;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('review.plan.title')} · ${t('app.title')}` };
}

/**
 * /plans/{id}: one plan, its changes on the map, impact, topology, arrangements, log, comments and the
 * moves the viewer may make. Security: draft_read over the plan's street; a plan outside the viewer's
 * jurisdiction answers as not found (the same as one that does not exist).
 */
export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: param } = await params;
  const id = planId(param);
  if (id === null) notFound();
  const access = await pageAccess('GET /plans/{id}', `/plans/${id}`, undefined, { draftId: id });
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  return (
    <PageShell wide user={<UserMenu viewer={access.view} />}>
      {/* Today in China by the server's clock (the filing form's earliest effective date). */}
      <PlanApp key={id} draftId={id} capabilities={access.view.capabilities} today={chinaDayOf(now())} />
    </PageShell>
  );
}
