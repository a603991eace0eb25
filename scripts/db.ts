/** `npm run db:migrate | db:seed | db:reset` on the configured engine (see README). */
import { rmSync } from 'node:fs';
import { readConfig } from '../server/config';
import { getDatabase, lockDataDir } from '../server/db';
import { openDatabase } from '../server/db/engine';
import { ensureDemoCity } from '../server/seed/ensure-demo-city';

async function resetSchema(): Promise<void> {
  const config = readConfig();
  if (!config.databaseUrl) {
    // The embedded engine keeps everything in its directory: removing it is a full reset.
    lockDataDir(config.dataDir);
    rmSync(config.dataDir, { recursive: true, force: true });
    return;
  }
  const db = await openDatabase(config);
  try {
    await db.script('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } finally {
    await db.close();
  }
}

async function main() {
  const command = process.argv[2];
  const log = (m: string) => console.log(`[gridatlas] ${m}`);
  if (command === 'reset') await resetSchema();
  if (!['migrate', 'seed', 'reset'].includes(command ?? '')) {
    console.error('usage: tsx scripts/db.ts migrate|seed|reset');
    process.exit(2);
  }
  const { db } = await getDatabase(); // applies migrations
  log(`migrations applied (${db.engine} engine)`);
  if (command === 'seed' || command === 'reset') await ensureDemoCity(db, log);
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
