import { getDatabase } from '../db';
import { createTileService, type TileService } from './tile-service';

export { parseTileRequest, TILE_LAYERS, type TileLayerName, type TileRequest } from './tile-request';
export { bumpDataVersion, createTileService, type TileResult, type TileService } from './tile-service';

// One tile service (and so one cache) per process, next to the one database (see server/db/index.ts).
const globalKey = Symbol.for('gridatlas.tileService');
type GlobalWithTiles = typeof globalThis & { [globalKey]?: Promise<TileService> };

/** The process-wide tile service, created on first use (never at import: `next build` must not open the DB). */
export function getTileService(): Promise<TileService> {
  const g = globalThis as GlobalWithTiles;
  g[globalKey] ??= getDatabase()
    .then(({ db, capabilities }) => createTileService({ db, capabilities }))
    .catch((err) => {
      delete g[globalKey];
      throw err;
    });
  return g[globalKey]!;
}
