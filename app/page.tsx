import { pageAccess } from '@/server/auth/page-guard';
import { readConfig } from '@/server/config';
import { MapApp } from './map/MapApp';
import { parseUrlState } from './map/state';
import { tiandituStyle } from './map/style';
import { NoAccess } from './NoAccess';
import { pathWithQuery } from './request-path';

export const dynamic = 'force-dynamic';

/** The home page is the map. The view, layers and selection come from the URL, so links can be shared. */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Signing in comes back to this very view (the query holds it).
  const access = await pageAccess('GET /', pathWithQuery('/', params));
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  const initial = parseUrlState(params);
  const { basemapStyleUrl, tiandituKey } = readConfig();
  // Offline by default; an online basemap only when the operator configured one.
  const basemapStyle = basemapStyleUrl ?? (tiandituKey ? tiandituStyle(tiandituKey) : null);
  return <MapApp initial={initial} basemapStyle={basemapStyle} viewer={access.view} />;
}
