/**
 * `npm run gridatlas -- validate <grids file> [--parent <boundary file>] [--neighbours] [--json]`
 * `npm run gridatlas -- rebalance --scope <region code> [...]` (scripts/rebalance-command.ts)
 *
 * For GIS staff who want to check a file of grids before importing it. Reads GeoJSON, a zipped Shapefile
 * (reprojected from its .prj) or KML through the interchange readers, checks it with the topology engine
 * and prints the report (zh-CN and English lines, or JSON with --json).
 *
 * Which database:
 * - with --parent: DATABASE_URL when set, else a throwaway in-memory engine (no data dir touched;
 *   addresses and neighbours are then simply absent);
 * - without --parent: the configured database (DATABASE_URL, or the embedded data dir GRIDATLAS_DATA_DIR),
 *   whose community boundaries, addresses and jurisdiction arrangements are used. The embedded data dir
 *   can only be opened by one process: stop `npm start` first, or point DATABASE_URL at the server.
 *
 * Exit codes: 0 nothing blocking, 1 blocking findings, 2 bad input (usage, unreadable file, invalid
 * parent), 3 an unexpected failure.
 *
 * `rebalance` re-divides a district, a street or communities to the households norm as the planner does,
 * on the configured database (as validate without --parent), and prints the figures beside today's, or
 * JSON; nothing is stored. Exit codes: 0 every comprehensive grid within the range, 1 some grids stay out
 * of range (each listed with its reason), 2 bad input (usage, a scope that does not exist, a range that
 * cannot be), 3 an unexpected failure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GridImportResult } from '@/geo/interchange/input-errors';
import { readBoundaryFileSync, readGridFileSync } from '../server/interchange/read-grid-file';
import type { Db } from '../server/db';
import { TopologyInputError } from '../server/topology/errors';
import type { TopologyFinding, TopologyReport } from '../server/topology/finding-codes';
import { validateGridSet } from '../server/topology/pipeline';
import { parentFromBoundaries, readableKeys } from '../server/topology/service';
import { PlannerError } from '../server/planner/errors';
import { BadInput } from './cli-input';
import { parseRebalanceArgs, REBALANCE_USAGE, runRebalance, type RebalanceArgs } from './rebalance-command';

const USAGE = `用法 / usage:
  npm run gridatlas -- validate <网格文件 grids file> [--parent <边界文件 boundary file>] [--neighbours] [--json]
  文件格式 / formats: GeoJSON (.geojson/.json), zipped Shapefile (.zip), KML (.kml)
  退出码 / exit codes: 0 无阻断问题 nothing blocking, 1 有阻断问题 blocking findings, 2 输入错误 bad input

${REBALANCE_USAGE}`;

interface Args {
  gridsFile: string;
  parentFile: string | null;
  json: boolean;
  neighbours: boolean;
}

type Command = { command: 'validate'; args: Args } | { command: 'rebalance'; args: RebalanceArgs };

function parseCommand(argv: string[]): Command {
  const [command, ...rest] = argv;
  if (command === 'validate') return { command, args: parseArgs(rest) };
  if (command === 'rebalance') return { command, args: parseRebalanceArgs(rest) };
  throw new BadInput(command ? `未知命令 unknown command: ${command}` : '缺少命令 missing command');
}

function parseArgs(rest: string[]): Args {
  let gridsFile: string | null = null;
  let parentFile: string | null = null;
  let json = false;
  let neighbours = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') json = true;
    else if (a === '--neighbours' || a === '--neighbors') neighbours = true;
    else if (a === '--parent') {
      parentFile = rest[++i] ?? null;
      if (!parentFile) throw new BadInput('--parent 需要一个文件 needs a file');
    } else if (a.startsWith('--')) throw new BadInput(`未知选项 unknown option: ${a}`);
    else if (!gridsFile) gridsFile = a;
    else throw new BadInput(`多余的参数 unexpected argument: ${a}`);
  }
  if (!gridsFile) throw new BadInput('缺少网格文件 missing the grids file');
  return { gridsFile, parentFile, json, neighbours };
}

/** Reads a grids file, or (`boundary`) a parent file: any attributes, its code or name labelling the findings. */
function readFeatures<T>(file: string, what: 'grids' | 'boundary', read: (bytes: Uint8Array, name: string) => GridImportResult<T>) {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new BadInput(`无法读取${what === 'grids' ? '网格文件' : '边界文件'} cannot read the ${what === 'grids' ? 'grids file' : 'boundary file'} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const r = read(bytes, path.basename(file));
  if (!r.ok) {
    const lines = r.errors.map((e) => `  ${e.message['zh-CN']}\n  ${e.message.en}${e.path ? ` (${e.path})` : ''}`);
    throw new BadInput(`${file}:\n${lines.join('\n')}`);
  }
  return r;
}

async function openDb(withParent: boolean): Promise<Db> {
  if (process.env.DATABASE_URL?.trim() || !withParent) {
    const { connect } = await import('../server/db/index');
    return (await connect()).db;
  }
  const { openDatabase } = await import('../server/db/engine');
  const { migrate } = await import('../server/db/migrate');
  // A new cluster, empty (or, under the tests, GRIDATLAS_EMBEDDED_TEMPLATE's copy: server/db/engine.ts).
  const db = await openDatabase({ databaseUrl: null, dataDir: '' }, { inMemory: true });
  await migrate(db);
  return db;
}

function printFinding(f: TopologyFinding): string {
  const sev = f.severity === 'blocking' ? '阻断 blocking' : '提示 warning';
  const repaired = f.repaired ? '  (基于修复后的几何 on the repaired geometry)' : '';
  const head = `[${sev}] ${f.code}${f.gridKeys.length ? `  ${f.gridKeys.join(', ')}` : ''}${repaired}`;
  const fix = f.fix ? `\n    建议 fix: ${f.fix.kind}${'targetGridKey' in f.fix ? ` → ${f.fix.targetGridKey}` : ''}` : '';
  return `${head}\n    ${f.message['zh-CN']}\n    ${f.message.en}${fix}`;
}

function printReport(file: string, r: TopologyReport, inputWarnings: number): string {
  const lines = [
    `${file}: ${r.grids} 个网格 grids, ${r.parents} 个上级 parents, ${r.engine} engine, ${r.elapsedMs} ms`,
    `阻断 blocking: ${r.blocking}   提示 warnings: ${r.warnings}${inputWarnings ? `   文件提示 input warnings: ${inputWarnings}` : ''}`,
    ...r.notes.map((n) => `注 note: ${n['zh-CN']}\n         ${n.en}`),
    ...r.findings.map(printFinding),
    r.ok ? '结果：没有阻断问题 / Result: nothing blocking' : '结果：有阻断问题，请修正后再导入 / Result: blocking problems, fix them before importing',
  ];
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (err instanceof BadInput) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  return command.command === 'validate' ? validate(command.args) : rebalance(command.args);
}

async function rebalance(args: RebalanceArgs): Promise<number> {
  let db: Db | null = null;
  try {
    db = await openDb(false);
    const r = await runRebalance(db, args);
    process.stdout.write(r.output);
    return r.code;
  } catch (err) {
    if (err instanceof BadInput) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    // A scope that does not exist, mixes levels or is too large: the planner's own message.
    if (err instanceof PlannerError) {
      const codes = args.scope.join(', ');
      process.stderr.write(`${err.text['zh-CN']}（${codes}）\n${err.text.en} (${codes})\n`);
      return 2;
    }
    process.stderr.write(`测算失败 the scenario failed: ${(err as Error).stack ?? err}\n`);
    return 3;
  } finally {
    await db?.close().catch(() => undefined);
  }
}

async function validate(args: Args): Promise<number> {
  let db: Db | null = null;
  try {
    const grids = readFeatures(args.gridsFile, 'grids', readGridFileSync);
    const parent = args.parentFile
      ? parentFromBoundaries(readFeatures(args.parentFile, 'boundary', readBoundaryFileSync).grids, path.basename(args.parentFile))
      : null;
    db = await openDb(parent !== null);
    const report = await validateGridSet(db, {
      grids: readableKeys(grids.grids),
      parent: parent ?? { kind: 'communities' },
      neighbours: args.neighbours ? 'in-force' : 'none',
    });
    process.stdout.write(
      args.json ? `${JSON.stringify({ ...report, inputWarnings: grids.warnings }, null, 2)}\n` : `${printReport(args.gridsFile, report, grids.warnings.length)}\n`,
    );
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof BadInput) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof TopologyInputError) {
      process.stderr.write(`${err.text['zh-CN']}\n${err.text.en}\n`);
      return 2;
    }
    process.stderr.write(`检查失败 the check failed: ${(err as Error).stack ?? err}\n`);
    return 3;
  } finally {
    await db?.close().catch(() => undefined);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(3);
  },
);
