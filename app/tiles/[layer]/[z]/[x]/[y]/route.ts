import { getTileService, parseTileRequest } from '@/server/tiles';

export const dynamic = 'force-dynamic';

type Params = { layer: string; z: string; x: string; y: string };

/**
 * GET /tiles/{layer}/{z}/{x}/{y}.mvt: one Mapbox Vector Tile (v2, extent 4096, source-layer = layer).
 * 204 for an empty tile, 400 with a zh-CN/English message for a bad layer or tile address.
 */
export async function GET(request: Request, context: { params: Promise<Params> }) {
  const parsed = parseTileRequest(await context.params);
  if (!parsed.valid) {
    return Response.json({ error: { code: parsed.code, message: parsed.message } }, { status: 400 });
  }
  const service = await getTileService();
  const { layer, z, x, y } = parsed.request;
  // The ETag carries the data versions, so a browser revalidates cheaply and never keeps a stale tile.
  // They are read once: the tile is built (or taken from the cache) at exactly the version checked.
  const version = await service.layerVersion(layer);
  const etag = `W/"${layer}/${z}/${x}/${y}@${version}"`;
  const headers = { ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });

  const tile = await service.getTile(parsed.request, version);
  const tileHeaders = { ...headers, 'X-Tile-Encoder': tile.encoder };
  if (tile.bytes.byteLength === 0) return new Response(null, { status: 204, headers: tileHeaders });
  return new Response(tile.bytes as BodyInit, {
    status: 200,
    headers: { ...tileHeaders, 'Content-Type': 'application/vnd.mapbox-vector-tile' },
  });
}
