import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import { gridsHeldNow } from '@/server/field/duty';
import { NoAccess } from '../NoAccess';
import { PageShell } from '../PageShell';
import { pathWithQuery } from '../request-path';
import { UserMenu } from '../UserMenu';
import { initialBounds } from './pick-map';
import { ReportApp } from './ReportApp';
import { initialView, reportViews } from './report-views';
import './report.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('incidents.page.title')} · ${t('app.title')}` };
}

/**
 * /report: the incident loop's phone page. A grid worker reports what they find on patrol (the place from
 * the phone or the map), works through their cases, goes on and off duty (their positions reported while
 * on duty), writes the day's patrol log and inspects key sites; the command centre's hotline desk files a
 * call at a standard address. Security: incident_report; every call is checked again by its procedure's policy,
 * and a report only inside the reporter's scope (a grid worker's own grids).
 */
export default async function ReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const access = await pageAccess('GET /report', pathWithQuery('/report', params));
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  const asked = Array.isArray(params.view) ? params.view[0] : params.view;
  const workerIds = access.actor.grants.flatMap((g) => (g.workerId != null ? [g.workerId] : []));
  // A grid worker's own record: the duty switch, the position reporting, the log and the inspections.
  const worker = workerIds.length > 0 && access.view.capabilities.includes('worker_positions');
  const views = reportViews(access.view.capabilities, worker);
  const grids = await gridsHeldNow(access.actor);
  const bounds = initialBounds(grids.flatMap((g) => (g.bbox ? [g.bbox] : [])));
  return (
    <PageShell user={<UserMenu viewer={access.view} />}>
      <ReportApp views={views} initial={initialView(views, asked)} bounds={bounds} workerIds={workerIds} worker={worker} grids={grids.map(({ code, name }) => ({ code, name }))} />
    </PageShell>
  );
}
