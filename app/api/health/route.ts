import { NextResponse } from 'next/server';
import { getDatabase } from '@/server/db';
import { localized } from '@/geo/text/localized-text';

export const dynamic = 'force-dynamic';

/** Whether a city is loaded, read once per process (it only changes from none to one, at the first start). */
let cityLoaded: boolean | null = null;

/**
 * Liveness and engine facts, for operators and the start script. It must answer fast while the app is
 * busy: the database is probed on a path of its own (Db.probe), never behind the app's queries. On
 * failure: 503 with a code and both languages; the detail goes to the server log, never to the client.
 */
export async function GET() {
  try {
    const { db, capabilities } = await getDatabase();
    const probe = await db.probe();
    if (!cityLoaded) {
      const [row] = await db.query<{ cities: number }>('SELECT count(*)::int AS cities FROM city');
      cityLoaded = row!.cities > 0;
    }
    return NextResponse.json({
      status: 'ok',
      engine: db.engine,
      postgis: capabilities.postgisVersion,
      geos: capabilities.geosVersion,
      capabilities: { asMvt: capabilities.asMvt, coverageFunctions: capabilities.coverageFunctions },
      database: { answered: probe.via, ms: Math.round(probe.ms * 10) / 10 },
      demoCityLoaded: cityLoaded,
    });
  } catch (err) {
    console.error('[health] the database did not answer:', err);
    return NextResponse.json(
      {
        status: 'error',
        error: { code: 'DATABASE_UNAVAILABLE', message: localized('数据库无法访问', 'The database cannot be reached') },
      },
      { status: 503 },
    );
  }
}
