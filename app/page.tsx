import { readConfig } from '@/server/config';
import { MapApp } from './map/MapApp';
import { parseUrlState } from './map/state';
import { tiandituStyle } from './map/style';

export const dynamic = 'force-dynamic';

/** The home page is the map. The view, layers and selection come from the URL, so links can be shared. */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = parseUrlState(await searchParams);
  const { basemapStyleUrl, tiandituKey } = readConfig();
  // Offline by default; an online basemap only when the operator configured one.
  const basemapStyle = basemapStyleUrl ?? (tiandituKey ? tiandituStyle(tiandituKey) : null);
  return <MapApp initial={initial} basemapStyle={basemapStyle} />;
}
