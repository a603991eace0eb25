/**
 * `npm run db:migrate | db:seed | db:reset` on the configured engine (see README).
 *
 * `db:reset` drops everything and loads the demo city again. It never does so by accident: it needs
 * `--yes` (or, at a terminal, a typed confirmation), and it refuses a database that holds anything beyond
 * the demo city's own load (an edited draft, a changed setting, another city's data) unless `--force`.
 */
import { existsSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { readConfig } from '../server/config';
import { getDatabase, lockDataDir } from '../server/db';
import { openDatabase } from '../server/db/engine';
import { ensureDemoCity } from '../server/seed/ensure-demo-city';
import { compareWithDemoLoad, type LoadComparison } from '../server/seed/load-record';

const USAGE = `用法 / usage: npm run db:migrate | db:seed | db:reset -- --yes [--force]`;

class Refused extends Error {}

/** What the configured database holds, compared with the demo city's recorded load. */
async function inspect(): Promise<{ where: string; comparison: LoadComparison }> {
  const config = readConfig();
  const url = config.databaseUrl ? new URL(config.databaseUrl) : null;
  const where = url ? `the database ${url.host}${url.pathname}` : `the embedded database in ${config.dataDir}`;
  if (!url) {
    if (!existsSync(config.dataDir)) return { where, comparison: { kind: 'empty' } };
    lockDataDir(config.dataDir);
  }
  const db = await openDatabase(config);
  try {
    return { where, comparison: await compareWithDemoLoad(db) };
  } finally {
    await db.close();
  }
}

async function confirmed(yes: boolean, where: string): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`将删除 ${where} 的全部数据并重新载入演示城市。输入 reset 确认：\nThis drops all data of ${where} and loads the demo city again. Type "reset" to confirm: `);
    return answer.trim() === 'reset';
  } finally {
    rl.close();
  }
}

async function resetSchema(flags: { yes: boolean; force: boolean }): Promise<void> {
  const { where, comparison } = await inspect();
  if (comparison.kind === 'unrecorded' && !flags.force) {
    throw new Refused(
      `${where} 中有数据，但不是演示城市的载入记录（可能是真实数据）；如确需删除，请加 --force。\n` +
        `${where} holds data that is not a recorded demo city load (it may be real data); add --force if you really mean to drop it.`,
    );
  }
  if (comparison.kind === 'changed' && !flags.force) {
    const list = comparison.tables.map((t) => `  ${t.table}: ${t.rows} 行 rows (演示城市载入时 at the demo load: ${t.loadedRows ?? 0})`).join('\n');
    throw new Refused(
      `${where} 中有演示城市之外的数据（例如编辑过的草稿），未删除；如确需删除，请加 --force：\n` +
        `${where} holds more than the demo city's own load (edited drafts, for example) and was not dropped; add --force if you really mean it:\n${list}`,
    );
  }
  if (!(await confirmed(flags.yes, where))) {
    throw new Refused(`未确认，未删除任何数据；请加 --yes 确认。\nNot confirmed: nothing was dropped. Add --yes to confirm.\n${USAGE}`);
  }
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

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const log = (m: string) => console.log(`[gridatlas] ${m}`);
  if (!['migrate', 'seed', 'reset'].includes(command ?? '')) {
    console.error(USAGE);
    return 2;
  }
  const unknown = rest.filter((a) => a !== '--yes' && a !== '--force');
  if (unknown.length || (command !== 'reset' && rest.length)) {
    console.error(`未知选项 unknown option: ${unknown.join(' ') || rest.join(' ')}\n${USAGE}`);
    return 2;
  }
  if (command === 'reset') {
    try {
      await resetSchema({ yes: rest.includes('--yes'), force: rest.includes('--force') });
    } catch (err) {
      if (err instanceof Refused) {
        console.error(err.message);
        return 2;
      }
      throw err;
    }
  }
  const { db } = await getDatabase(); // applies migrations
  log(`migrations applied (${db.engine} engine)`);
  if (command === 'seed' || command === 'reset') await ensureDemoCity(db, log);
  await db.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
