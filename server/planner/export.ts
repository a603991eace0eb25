/**
 * A scenario's files: its figures beside today's as CSV (the table the planner reads, in the user's
 * language, with the pricing it used), and its grids as GeoJSON, a zipped Shapefile or a GeoPackage
 * through the same writer as the drafts' export (so the first two import into the editor as they are).
 */
import { csvDocument, type CsvValue } from '@/geo/text/csv';
import type { Actor } from '../auth/actor';
import type { Scope } from '../auth/policy';
import type { Executor } from '../db';
import { writeGridFileAsync, type WrittenGridFile } from '../interchange/write-grid-file';
import { getScenario, scenarioGrids, type ScenarioView } from './scenarios';
import { PlannerError } from './errors';

const yuan = (fen: number) => Math.round(fen) / 100;
const pct = (x: number) => Math.round(x * 10000) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The figures table: one row per figure, today, the scenario and the change. */
export function figuresCsv(s: ScenarioView, locale: 'zh-CN' | 'en'): string {
  const f = s.figures;
  if (!f) throw new PlannerError('SCENARIO_NOT_DONE');
  const zh = locale !== 'en';
  const row = (zhName: string, en: string, today: number | null, scenario: number | null, change: CsvValue = today !== null && scenario !== null ? round3(scenario - today) : null): CsvValue[] =>
    [zh ? zhName : en, today, scenario, change];
  const t = f.today;
  const n = f.scenario;
  const rows: CsvValue[][] = [
    row('网格数', 'grids', t.grids, n.grids),
    row('综合网格数', 'comprehensive grids', t.comprehensive, n.comprehensive),
    row('户数在标准内的网格', 'grids within the range', t.withinRange, n.withinRange),
    row('户数在标准内的比例(%)', 'share within the range (%)', pct(t.withinRangeShare), pct(n.withinRangeShare)),
    row('常住人口超上限的网格', 'grids above the residents maximum', t.overResidentsMax, n.overResidentsMax),
    row('每格户数最少', 'fewest households in a grid', t.households[0] ?? null, n.households[0] ?? null),
    row('每格户数最多', 'most households in a grid', t.households.at(-1) ?? null, n.households.at(-1) ?? null),
    row('紧凑度(Polsby-Popper)平均', 'compactness (Polsby-Popper) mean', round3(t.polsbyPopperMean), round3(n.polsbyPopperMean)),
    row('紧凑度中位数', 'compactness median', round3(t.polsbyPopperMedian), round3(n.polsbyPopperMedian)),
    row('紧凑度最差', 'compactness worst', round3(t.polsbyPopperWorst), round3(n.polsbyPopperWorst)),
    row('相邻地址分属不同网格的边数', 'cut edges', t.cutEdges, n.cutEdges),
    row('变更网格的地址', 'addresses changing grid', null, f.movedUnits, null),
    row('变更网格的户数', 'households changing grid', null, f.movedHouseholds, null),
    row('变更网格的户数比例(%)', 'share of households changing grid (%)', null, pct(f.movedShare), null),
    row('专职网格员', 'full-time workers', t.fullTime, n.fullTime),
    row('兼职网格员', 'part-time workers', t.partTime, n.partTime),
    row('年度补贴(元)', 'annual subsidy (yuan)', yuan(t.annualSubsidyFen), yuan(n.annualSubsidyFen), yuan(f.subsidyChangeFen)),
    row('年度补贴变化(%)', 'annual subsidy change (%)', null, null, f.subsidyChangePercent === null ? null : round3(f.subsidyChangePercent)),
  ];
  const p = s.pricing;
  const s1 = s.params;
  const notes: CsvValue[][] = [
    [zh ? '测算方案' : 'scenario', s.name, s.scopeName, s.scopeCodes.join(' ')],
    [zh ? '每格户数标准' : 'households per grid', s1.householdsMin, s1.householdsMax, null],
    [zh ? '每格常住人口上限' : 'residents per grid at most', s1.residentsMax, null, null],
    [zh ? '配备标准(专职/兼职每格)' : 'staffing rule (full-time / part-time per grid)', p.fullTimePerGrid, p.partTimePerGrid, null],
    [zh ? '月补贴(元,专职/兼职)' : 'monthly subsidy (yuan, full-time / part-time)', p.fullTimeMonthlyYuan, p.partTimeMonthlyYuan, null],
  ];
  return csvDocument(zh ? ['指标', '现状', '测算', '变化'] : ['figure', 'today', 'scenario', 'change'], [...rows, [], ...notes]);
}

export type ScenarioFileFormat = 'csv' | 'geojson' | 'shapefile' | 'geopackage';

export async function scenarioFile(db: Executor, actor: Actor, scope: Scope, id: number, format: ScenarioFileFormat, locale: 'zh-CN' | 'en'): Promise<WrittenGridFile> {
  const s = await getScenario(db, actor, scope, id);
  if (s.status !== 'done') throw new PlannerError('SCENARIO_NOT_DONE');
  const base = `scenario-${id}`;
  if (format === 'csv') return { bytes: new TextEncoder().encode(figuresCsv(s, locale)), fileName: `${base}-figures.csv`, mimeType: 'text/csv; charset=utf-8' };
  const grids = await scenarioGrids(db, actor, scope, id);
  return writeGridFileAsync(
    grids.features.map((f) => ({
      key: `n${f.properties.gridNo}`,
      code: f.properties.code,
      name: null,
      kind: f.properties.kind,
      dedicatedType: null,
      communityCode: f.properties.communityCode,
      geometry: f.geometry,
    })),
    format,
    {
      baseName: `${base}-grids`,
      extra: (i) => {
        const p = grids.features[i]!.properties;
        return { grid_no: p.gridNo, households: p.households, residents: p.residents, addresses: p.addresses, in_range: p.inRange ? 1 : 0, unchanged: p.unchanged ? 1 : 0, pp: Math.round(p.polsbyPopper * 1000) / 1000 };
      },
    },
  );
}
