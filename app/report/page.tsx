import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import type { Actor } from '@/server/auth/actor';
import { now } from '@/server/clock';
import { gridInForceByCode } from '@/server/data/grids';
import { getDatabase } from '@/server/db';
import { requestShare } from '@/server/db/fair-share';
import { readSettings } from '@/server/settings';
import { NoAccess } from '../NoAccess';
import { PageShell } from '../PageShell';
import { pathWithQuery } from '../request-path';
import { UserMenu } from '../UserMenu';
import { initialBounds, type Bounds } from './pick-map';
import { ReportApp } from './ReportApp';
import { initialView, reportViews } from './report-views';
import './report.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('incidents.page.title')} · ${t('app.title')}` };
}

/** The grids the actor holds as a grid worker, in force now: the patrol map frames them, their QR sheets are linked. */
async function ownGrids(actor: Actor): Promise<{ code: string; name: string; bbox: Bounds | null }[]> {
  const codes = [...new Set(actor.grants.flatMap((g) => g.gridCodes))];
  if (codes.length === 0) return [];
  const { db } = await getDatabase();
  const share = requestShare(db);
  const at = now();
  const { norm } = await readSettings(share);
  const grids = await Promise.all(codes.slice(0, 20).map((code) => gridInForceByCode(share, code, at, norm)));
  return grids.flatMap((g) => (g ? [{ code: g.code, name: g.name, bbox: g.bbox }] : []));
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
  const grids = await ownGrids(access.actor);
  const bounds = initialBounds(grids.flatMap((g) => (g.bbox ? [g.bbox] : [])));
  return (
    <PageShell user={<UserMenu viewer={access.view} />}>
      <ReportApp views={views} initial={initialView(views, asked)} bounds={bounds} workerIds={workerIds} worker={worker} grids={grids.map(({ code, name }) => ({ code, name }))} />
    </PageShell>
  );
}
