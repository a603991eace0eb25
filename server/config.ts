import path from 'node:path';

/**
 * Runtime configuration, read once from the environment.
 * - DATABASE_URL: a PostgreSQL + PostGIS server; without it the embedded engine (PGlite) is used.
 * - GRIDATLAS_DATA_DIR: where the embedded engine keeps its files (default ./.data/pglite).
 * - GRIDATLAS_BASEMAP_STYLE: optional URL of an online MapLibre style; the default basemap is served by the app.
 * - GRIDATLAS_TIANDITU_KEY: optional Tianditu key; when set (and no style URL is), Tianditu is the basemap.
 */
export interface AppConfig {
  databaseUrl: string | null;
  dataDir: string;
  basemapStyleUrl: string | null;
  tiandituKey: string | null;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir: path.resolve(env.GRIDATLAS_DATA_DIR?.trim() || path.join(process.cwd(), '.data', 'pglite')),
    basemapStyleUrl: env.GRIDATLAS_BASEMAP_STYLE?.trim() || null,
    tiandituKey: env.GRIDATLAS_TIANDITU_KEY?.trim() || null,
  };
}
