import type { Db } from '../db';
import { seedDemoCity } from './demo-city';

/** Loads the demo city unless a city is already present (first run of `npm start`). */
export async function ensureDemoCity(db: Db, log: (message: string) => void): Promise<void> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM city');
  if (n > 0) return;
  const t0 = Date.now();
  log('loading the Nanjing demo city (first run)…');
  const summary = await seedDemoCity(db, {
    onProgress: (step, fraction) => log(`  ${Math.round(fraction * 100)}% ${step}`),
  });
  log(`demo city loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
}
