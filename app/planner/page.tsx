import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import { NoAccess } from '../NoAccess';
import { PageShell } from '../PageShell';
import { pathWithQuery } from '../request-path';
import { UserMenu } from '../UserMenu';
import { PlannerApp } from './PlannerApp';
import './planner.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('planner.page.title')} · ${t('app.title')}` };
}

/** The scenario id of the URL (?scenario=): a positive safe integer written plainly, else none. */
function scenarioId(value: string | string[] | undefined): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * /planner (网格优化测算): re-division scenarios against a households-per-grid norm, their figures, maps,
 * comparison, files and promotion to the streets' drafts. Security: the planning capability; every
 * scenario and area is checked against the caller's planning scope by the planner's procedures.
 */
export default async function PlannerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const access = await pageAccess('GET /planner', pathWithQuery('/planner', params));
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  return (
    <PageShell wide user={<UserMenu viewer={access.view} />}>
      <PlannerApp initialScenario={scenarioId(params.scenario)} />
    </PageShell>
  );
}
