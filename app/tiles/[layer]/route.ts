import { scopePatterns, TILE_LAYER_CAPABILITY } from '@/server/auth/policy';
import { now } from '@/server/clock';
import { cityBounds } from '@/server/data/territory';
import { preferredLocale } from '@/server/http/accept-language';
import { admit, errorResponse } from '@/server/http/route-guard';
import { getTileService, parseTileRequest } from '@/server/tiles';
import { scopeTagOf, tileJson, tileRevision } from '@/server/tiles/tilejson';

export const dynamic = 'force-dynamic';

/**
 * GET /tiles/{layer}.json: the layer's TileJSON 3.0.0 (server/tiles/tilejson.ts), its tile URLs carrying
 * the current data revision (and `?at=YYYY-MM-DD` when given). Read by the same sessions as the tiles;
 * always revalidated, since it is what tells a client the revision has moved.
 */
export async function GET(request: Request, context: { params: Promise<{ layer: string }> }) {
  const { layer: segment } = await context.params;
  const at = new URL(request.url).searchParams.get('at');
  if (!segment.endsWith('.json')) {
    const unknown = parseTileRequest({ layer: '', z: '0', x: '0', y: '0' });
    return Response.json({ error: unknown.valid ? null : { code: unknown.code, message: unknown.message } }, { status: 404 });
  }
  // The tile parser checks the layer and the day; the tile address is any valid one.
  const parsed = parseTileRequest({ layer: segment.slice(0, -'.json'.length), z: '0', x: '0', y: '0', at });
  if (!parsed.valid) return Response.json({ error: { code: parsed.code, message: parsed.message } }, { status: 400 });
  const { layer } = parsed.request;
  const admission = await admit(request, 'GET /tiles/{layer}.json', TILE_LAYER_CAPABILITY[layer]);
  if (!admission.ok) return errorResponse(admission.error);
  const within = admission.scope ? scopePatterns(admission.scope) : null;
  const service = await getTileService();
  const version = await service.layerVersion(layer, parsed.request.at ?? now());
  const doc = tileJson({
    layer,
    origin: new URL(request.url).origin,
    revision: tileRevision(version, scopeTagOf(within)),
    at,
    bounds: await cityBounds(admission.db),
    locale: preferredLocale(request.headers.get('accept-language')),
  });
  return Response.json(doc, { headers: { 'Cache-Control': 'private, no-cache', Vary: 'Cookie' } });
}
