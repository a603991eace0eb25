import { NextResponse } from 'next/server';
import { getDatabase } from '@/server/db';

export const dynamic = 'force-dynamic';

/** Liveness and engine facts, for operators and the start script. */
export async function GET() {
  try {
    const { db, capabilities } = await getDatabase();
    const [row] = await db.query<{ cities: number }>('SELECT count(*)::int AS cities FROM city');
    return NextResponse.json({
      status: 'ok',
      engine: db.engine,
      postgis: capabilities.postgisVersion,
      geos: capabilities.geosVersion,
      capabilities: { asMvt: capabilities.asMvt, coverageFunctions: capabilities.coverageFunctions },
      demoCityLoaded: row.cities > 0,
    });
  } catch (err) {
    return NextResponse.json({ status: 'error', error: (err as Error).message }, { status: 503 });
  }
}
