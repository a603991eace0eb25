import { scopePatterns, TILE_LAYER_CAPABILITY } from '@/server/auth/policy';
import { admit, errorResponse } from '@/server/http/route-guard';
import { now } from '@/server/clock';
import { getTileService, parseTileRequest } from '@/server/tiles';
import { revisionIsFinal, scopeTagOf, tileRevision } from '@/server/tiles/tilejson';

export const dynamic = 'force-dynamic';

type Params = { layer: string; z: string; x: string; y: string };

/**
 * GET /tiles/{layer}/{z}/{x}/{y}.mvt: one Mapbox Vector Tile (v2, extent 4096, source-layer = layer).
 * `?at=YYYY-MM-DD` shows the grids in force at the end of that day (the map's "as of" control).
 * `?v=` is the revision the layer's TileJSON gave (/tiles/{layer}.json): asked for at the current one,
 * the tile may be kept for good (the revision changes with the data); at another, it is revalidated.
 * 204 for an empty tile, 400 with a zh-CN/English message for a bad layer or tile address, 401/403 when
 * the session may not read the layer. Incident tiles hold only the viewer's jurisdiction.
 */
export async function GET(request: Request, context: { params: Promise<Params> }) {
  const parsed = parseTileRequest({ ...(await context.params), at: new URL(request.url).searchParams.get('at') });
  if (!parsed.valid) {
    return Response.json({ error: { code: parsed.code, message: parsed.message } }, { status: 400 });
  }
  // One moment for the version check and the build: "as of" a day, or now.
  const tileRequest = { ...parsed.request, at: parsed.request.at ?? now() };
  const { layer, z, x, y } = tileRequest;
  const admission = await admit(request, 'GET /tiles/{layer}/{z}/{x}/{y}', TILE_LAYER_CAPABILITY[layer]);
  if (!admission.ok) return errorResponse(admission.error);
  const within = admission.scope ? scopePatterns(admission.scope) : null;
  const service = await getTileService();
  // The ETag carries the data versions and the viewer's scope, so a browser revalidates cheaply and
  // never keeps a stale tile or one of another scope. They are read once: the tile is built (or taken
  // from the cache) at exactly the version checked.
  const version = parsed.request.at ? await service.layerVersion(layer, tileRequest.at) : await service.currentLayerVersion(layer, tileRequest.at);
  const scopeTag = scopeTagOf(within);
  const etag = `W/"${layer}/${z}/${x}/${y}@${version}${scopeTag}"`;
  // private: a shared proxy must not hand one user's tile to another.
  const final = revisionIsFinal(layer) && new URL(request.url).searchParams.get('v') === tileRevision(version, scopeTag);
  const cacheControl = final ? 'private, max-age=31536000, immutable' : 'private, no-cache';
  const headers = { ETag: etag, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding, Cookie' };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });

  const tile = await service.getTile(tileRequest, version, within);
  const tileHeaders = { ...headers, 'X-Tile-Encoder': tile.encoder };
  if (tile.bytes.byteLength === 0) return new Response(null, { status: 204, headers: tileHeaders });
  return new Response(tile.bytes as BodyInit, {
    status: 200,
    headers: { ...tileHeaders, 'Content-Type': 'application/vnd.mapbox-vector-tile' },
  });
}
