import { readConfig } from '@/server/config';
import { MapApp } from './map/MapApp';
import { parseUrlState } from './map/state';

export const dynamic = 'force-dynamic';

/** The home page is the map. The view, layers and selection come from the URL, so links can be shared. */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = parseUrlState(await searchParams);
  return <MapApp initial={initial} basemapStyleUrl={readConfig().basemapStyleUrl} />;
}
