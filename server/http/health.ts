/**
 * The liveness answer of /api/health, for operators and the start script. It must come fast while the
 * app is busy: the database is probed on a path of its own (Db.probe), never behind the app's queries,
 * and scripts/start.ts answers it before the request reaches Next.js's router. On failure: 503 with a
 * code and both languages; the detail goes to the server log, never to the client.
 */
import { localized } from '@/geo/text/localized-text';
import { getDatabase } from '../db';

/** Whether a city is loaded, read once per process (it only changes from none to one, at the first start). */
let cityLoaded: boolean | null = null;

export async function healthAnswer(): Promise<{ status: 200 | 503; body: Record<string, unknown> }> {
  try {
    const { db, capabilities } = await getDatabase();
    const probe = await db.probe();
    if (!cityLoaded) {
      const [row] = await db.query<{ cities: number }>('SELECT count(*)::int AS cities FROM city');
      cityLoaded = row!.cities > 0;
    }
    return {
      status: 200,
      body: {
        status: 'ok',
        engine: db.engine,
        postgis: capabilities.postgisVersion,
        geos: capabilities.geosVersion,
        capabilities: { asMvt: capabilities.asMvt, coverageFunctions: capabilities.coverageFunctions },
        database: { answered: probe.via, ms: Math.round(probe.ms * 10) / 10 },
        demoCityLoaded: cityLoaded,
      },
    };
  } catch (err) {
    console.error('[health] the database did not answer:', err);
    return {
      status: 503,
      body: { status: 'error', error: { code: 'DATABASE_UNAVAILABLE', message: localized('数据库无法访问', 'The database cannot be reached') } },
    };
  }
}
