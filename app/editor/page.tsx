import { pageAccess } from '@/server/auth/page-guard';
import { readConfig } from '@/server/config';
import { tiandituStyle } from '@/app/map/style';
import type { MapView } from '@/app/map/state';
import { NoAccess } from '@/app/NoAccess';
import { pathWithQuery } from '@/app/request-path';
import { EditorApp } from './EditorApp';
import { StreetChooser } from './StreetChooser';
import './editor.css';

export const dynamic = 'force-dynamic';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The view from `c=lon,lat&z=zoom`, when both are given and sane (else the editor frames the draft). */
function viewFrom(params: Record<string, string | string[] | undefined>): MapView | null {
  const [lon, lat] = (one(params.c) ?? '').split(',').map(Number);
  const zoom = Number(one(params.z));
  if (![lon, lat, zoom].every(Number.isFinite) || Math.abs(lat!) > 85 || Math.abs(lon!) > 180 || zoom < 0 || zoom > 22) return null;
  return { center: [lon!, lat!], zoom };
}

/**
 * /editor?street=<id>: the street editor; /editor alone lists the streets to choose from. Security: a
 * street is opened only for an editor of that street (the same policy drafts.open applies); anyone else
 * sees why not, never the editor.
 */
export default async function EditorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const here = pathWithQuery('/editor', params);
  const streetId = Number(one(params.street));
  const chosen = Number.isInteger(streetId) && streetId > 0;
  const access = chosen
    ? await pageAccess('GET /editor', here, { capability: 'draft_edit', jurisdiction: 'street' }, { streetId })
    : await pageAccess('GET /editor', here);
  if (!access.allowed) return <NoAccess view={access.view} reason={access.reason} />;
  if (!chosen) return <StreetChooser viewer={access.view} />;
  const { basemapStyleUrl, tiandituKey } = readConfig();
  const basemapStyle = basemapStyleUrl ?? (tiandituKey ? tiandituStyle(tiandituKey) : null);
  return <EditorApp key={streetId} streetId={streetId} initialView={viewFrom(params)} basemapStyle={basemapStyle} viewer={access.view} />;
}
