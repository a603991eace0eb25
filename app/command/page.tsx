import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-guard';
import { readConfig } from '@/server/config';
import { tiandituStyle } from '../map/style';
import { NoAccess } from '../NoAccess';
import { pathWithQuery } from '../request-path';
import { CommandApp } from './CommandApp';
import { parseCommandUrl } from './command-state';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: `${t('command.title')} · ${t('app.title')}` };
}

/**
 * /command, the command centre (指挥中心): the live map of incidents, workers and key sites, the feed, the
 * KPI tiles and the case panel. Security: the incidents capability (ROUTE_POLICY 'GET /command'); every
 * call on the page is narrowed to the viewer's scope by the server again. The view, filters and open case
 * come from the URL, so links can be shared.
 */
export default async function CommandPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const access = await pageAccess('GET /command', pathWithQuery('/command', params));
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  const { basemapStyleUrl, tiandituKey } = readConfig();
  // Offline by default; an online basemap only when the operator configured one (as on the home map).
  const basemapStyle = basemapStyleUrl ?? (tiandituKey ? tiandituStyle(tiandituKey) : null);
  return <CommandApp initial={parseCommandUrl(params)} basemapStyle={basemapStyle} viewer={access.view} />;
}
