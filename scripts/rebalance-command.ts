/**
 * `npm run gridatlas -- rebalance --scope <code> ...`: a planner's scenario from the command line, on the
 * configured database. Resolves the scope (one district, one street, or communities), re-divides it to
 * the households norm with the planner's own code (server/planner: load, compute), and prints the
 * figures beside today's with the pricing of the settings, and every grid left out of range with its
 * reason; or JSON. `--out` writes the proposed grids as GeoJSON. Nothing is stored: the scenario is not
 * saved, no draft is touched.
 */
import { writeFileSync } from 'node:fs';
import type { DivisionFigures, ScenarioFigures } from '@/geo/rebalance/figures';
import { refusalText } from '@/geo/rebalance/refusal-text';
import type { LocalizedText } from '@/geo/text/localized-text';
import type { Executor } from '../server/db';
import { computeScenario, type ScenarioParams, type ScenarioRefusal } from '../server/planner/compute';
import { loadCommunities } from '../server/planner/load';
import { scenarioFeatures } from '../server/planner/scenario-features';
import { resolveScope, type ResolvedScope } from '../server/planner/scope';
import { readSettings, type StaffingPricing } from '../server/settings';
import { BadInput } from './cli-input';

export const REBALANCE_USAGE = `  npm run gridatlas -- rebalance --scope <区划代码 region code> [--scope <社区代码> ...] [--min 300 --max 500]
                      [--residents-max 2500] [--no-keep-dedicated] [--seed 1] [--json] [--out <网格文件 grids file>.geojson]
  范围 scope: 6 位区、9 位街道或 12 位社区代码（可多个社区） a 6-digit district, 9-digit street or 12-digit community code (several communities)
  默认 defaults: 户数标准与常住人口上限取自系统设置 the norm of the settings; 补贴按系统设置计价 priced by the settings
  退出码 / exit codes: 0 全部综合网格达标 every comprehensive grid in range, 1 有网格无法达标（列出原因） some grids stay out of range (listed with the reason),
                       2 输入错误 bad input, 3 运行失败 failure`;

export interface RebalanceArgs {
  scope: string[];
  min: number | null;
  max: number | null;
  residentsMax: number | null;
  keepDedicated: boolean;
  seed: number;
  json: boolean;
  out: string | null;
}

const SCOPE_CODE = /^(\d{6}|\d{9}|\d{12})$/;

export function parseRebalanceArgs(rest: readonly string[]): RebalanceArgs {
  const args: RebalanceArgs = { scope: [], min: null, max: null, residentsMax: null, keepDedicated: true, seed: 1, json: false, out: null };
  const value = (i: number, name: string) => {
    const v = rest[i];
    if (v === undefined || v.startsWith('--')) throw new BadInput(`${name} 需要一个值 needs a value`);
    return v;
  };
  const count = (i: number, name: string) => {
    const v = value(i, name);
    if (!/^\d+$/.test(v) || Number(v) < 1 || !Number.isSafeInteger(Number(v))) throw new BadInput(`${name} 须为正整数 must be a positive whole number: ${v}`);
    return Number(v);
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--no-keep-dedicated') args.keepDedicated = false;
    else if (a === '--scope') {
      const code = value(++i, '--scope');
      if (!SCOPE_CODE.test(code)) throw new BadInput(`区划代码须为 6、9 或 12 位数字 a region code is 6, 9 or 12 digits: ${code}`);
      args.scope.push(code);
    } else if (a === '--min') args.min = count(++i, '--min');
    else if (a === '--max') args.max = count(++i, '--max');
    else if (a === '--residents-max') args.residentsMax = count(++i, '--residents-max');
    else if (a === '--seed') args.seed = count(++i, '--seed');
    else if (a === '--out') args.out = value(++i, '--out');
    else if (a.startsWith('--')) throw new BadInput(`未知选项 unknown option: ${a}`);
    else throw new BadInput(`多余的参数 unexpected argument: ${a}`);
  }
  if (args.scope.length === 0) throw new BadInput('缺少 --scope missing --scope');
  return args;
}

export interface RebalanceOutcome {
  /** What to print on stdout. */
  output: string;
  /** 0 every comprehensive grid within range, 1 some left out of range. */
  code: 0 | 1;
}

/** Runs the scenario; BadInput for a range that cannot be, PlannerError for a scope that cannot be. */
export async function runRebalance(db: Executor, args: RebalanceArgs): Promise<RebalanceOutcome> {
  const settings = await readSettings(db);
  const params: ScenarioParams = {
    householdsMin: args.min ?? settings.norm.householdsMin,
    householdsMax: args.max ?? settings.norm.householdsMax,
    residentsMax: args.residentsMax ?? settings.norm.residentsMax,
    keepDedicated: args.keepDedicated,
    barrierLayerId: null,
    seed: args.seed,
  };
  if (params.householdsMin < 1 || params.householdsMin > params.householdsMax) {
    throw new BadInput(`每格户数下限须大于 0 且不大于上限 the households minimum must be above 0 and not above the maximum: ${params.householdsMin}–${params.householdsMax}`);
  }
  // The command line acts for the whole city, like the database it opens.
  const scope = await resolveScope(db, { all: true }, args.scope);
  const started = performance.now();
  const loaded = await loadCommunities(db, scope.communities.map((c) => c.id), new Date(), null);
  const loadMs = Math.round(performance.now() - started);
  const meta = new Map(scope.communities.map((c) => [c.id, c]));
  const computed = await computeScenario(db, loaded, meta, params, settings.pricing);
  const totalMs = Math.round(performance.now() - started);
  const range = { min: params.householdsMin, max: params.householdsMax };
  const refusals = computed.refusals.map((r) => ({ ...r, text: refusalText(r.refusal, range) }));
  if (args.out) {
    const fc = await scenarioFeatures(db, computed, meta);
    try {
      writeFileSync(args.out, `${JSON.stringify(fc)}\n`);
    } catch (err) {
      throw new BadInput(`无法写入 cannot write ${args.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const f = computed.figures;
  const code = refusals.length > 0 || f.scenario.withinRange < f.scenario.comprehensive ? 1 : 0;
  const summary = {
    scope: { codes: scope.codes, name: scope.name, communities: scope.communities.length, addresses: computed.addresses },
    params,
    pricing: computed.pricing,
    figures: f,
    refusals,
    grids: computed.grids.length,
    out: args.out,
    loadMs,
    durationMs: computed.durationMs,
    totalMs,
  };
  return { code, output: args.json ? `${JSON.stringify(summary, null, 2)}\n` : printScenario(scope, summary) };
}

const yuan = (fen: number) => (fen / 100).toFixed(2);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number, s: string) => (x > 0 ? `+${s}` : s);

function figureRows(t: DivisionFigures, n: DivisionFigures, f: ScenarioFigures): [string, string, string, string][] {
  const num = (zh: string, en: string, a: number, b: number, digits = 0): [string, string, string, string] =>
    [a.toFixed(digits), b.toFixed(digits), signed(b - a, (b - a).toFixed(digits)), `${zh} ${en}`];
  const first = (xs: readonly number[]) => xs[0] ?? 0;
  const last = (xs: readonly number[]) => xs.at(-1) ?? 0;
  return [
    num('网格数', 'grids', t.grids, n.grids),
    num('综合网格数', 'comprehensive grids', t.comprehensive, n.comprehensive),
    num('户数在标准内的网格', 'grids within the range', t.withinRange, n.withinRange),
    [pct(t.withinRangeShare), pct(n.withinRangeShare), signed(n.withinRangeShare - t.withinRangeShare, `${((n.withinRangeShare - t.withinRangeShare) * 100).toFixed(1)} pt`), '户数在标准内的比例 share within the range'],
    num('常住人口超上限的网格', 'grids above the residents maximum', t.overResidentsMax, n.overResidentsMax),
    num('每格户数最少', 'fewest households in a grid', first(t.households), first(n.households)),
    num('每格户数最多', 'most households in a grid', last(t.households), last(n.households)),
    num('紧凑度平均', 'compactness (Polsby-Popper) mean', t.polsbyPopperMean, n.polsbyPopperMean, 3),
    num('紧凑度中位数', 'compactness median', t.polsbyPopperMedian, n.polsbyPopperMedian, 3),
    num('紧凑度最差', 'compactness worst', t.polsbyPopperWorst, n.polsbyPopperWorst, 3),
    num('相邻地址分属不同网格的边数', 'cut edges', t.cutEdges, n.cutEdges),
    ['', String(f.movedUnits), '', '变更网格的地址 addresses changing grid'],
    ['', String(f.movedHouseholds), '', '变更网格的户数 households changing grid'],
    ['', pct(f.movedShare), '', '变更网格的户数比例 share of households changing grid'],
    num('专职网格员', 'full-time workers', t.fullTime, n.fullTime),
    num('兼职网格员', 'part-time workers', t.partTime, n.partTime),
    [yuan(t.annualSubsidyFen), yuan(n.annualSubsidyFen), signed(f.subsidyChangeFen, yuan(f.subsidyChangeFen)), '年度补贴（元） annual subsidy (yuan)'],
    ['', '', f.subsidyChangePercent === null ? '-' : signed(f.subsidyChangePercent, `${f.subsidyChangePercent.toFixed(2)}%`), '年度补贴变化 annual subsidy change'],
  ];
}

interface Summary {
  scope: { codes: string[]; name: string; communities: number; addresses: number };
  params: ScenarioParams;
  pricing: StaffingPricing;
  figures: ScenarioFigures;
  refusals: (ScenarioRefusal & { text: LocalizedText })[];
  grids: number;
  out: string | null;
  loadMs: number;
  durationMs: number;
  totalMs: number;
}

function printScenario(scope: ResolvedScope, s: Summary): string {
  const p = s.params;
  const pr = s.pricing;
  const rows = figureRows(s.figures.today, s.figures.scenario, s.figures);
  const header: [string, string, string, string] = ['现状 today', '测算 scenario', '变化 change', '指标 figure'];
  const width = [0, 1, 2].map((c) => Math.max(...[header, ...rows].map((r) => r[c]!.length)));
  const line = (r: [string, string, string, string]) => `  ${r[0].padStart(width[0]!)}  ${r[1].padStart(width[1]!)}  ${r[2].padStart(width[2]!)}  ${r[3]}`;
  const lines = [
    `测算范围 scope: ${scope.name} (${scope.codes.join(', ')}): ${s.scope.communities} 个社区 communities, ${s.scope.addresses} 个地址 addresses; ` +
      `读取 load ${s.loadMs} ms, 测算 compute ${s.durationMs} ms`,
    `户数标准 households per grid: ${p.householdsMin}–${p.householdsMax}; 常住人口上限 residents at most: ${p.residentsMax}; ` +
      `专属网格 dedicated grids: ${p.keepDedicated ? '保留 kept' : '参与调整 re-divided'}; 随机种子 seed: ${p.seed}`,
    `计价（系统设置） pricing (the settings): 每个综合网格专职 ${pr.fullTimePerGrid} 人、兼职 ${pr.partTimePerGrid} 人 full-time ${pr.fullTimePerGrid}, part-time ${pr.partTimePerGrid} per comprehensive grid; ` +
      `月补贴 monthly subsidy 专职 full-time ${pr.fullTimeMonthlyYuan.toFixed(2)} 元 yuan, 兼职 part-time ${pr.partTimeMonthlyYuan.toFixed(2)} 元 yuan`,
    '',
    line(header),
    ...rows.map(line),
    '',
  ];
  if (s.refusals.length === 0) lines.push('结果：全部综合网格户数达标 / Result: every comprehensive grid is within the range');
  else {
    lines.push(`无法达标的网格 grids left out of range: ${s.refusals.length}`);
    for (const r of s.refusals) {
      lines.push(
        `  ${r.communityName}（${r.communityCode}） ${r.gridCode ? `网格 grid ${r.gridCode}` : '新网格 new grid'}: ${r.households} 户 households`,
        `    ${r.text['zh-CN']}`,
        `    ${r.text.en}`,
      );
    }
  }
  if (s.out) lines.push(`已写出 written: ${s.out} (${s.grids} 个网格 grids)`);
  return `${lines.join('\n')}\n`;
}
