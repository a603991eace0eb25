import type { CheckContext } from './context';
import type { FindingCode, TopologyReport } from './finding-codes';
import { notes } from './messages';

/** The report of a run: blocking findings first, then by code, each code in the order found. */
export function buildReport(engine: 'embedded' | 'server', ctx: CheckContext, counts: { grids: number; parents: number; neighbours: number }): TopologyReport {
  const order = (s: string) => (s === 'blocking' ? 0 : 1);
  const findings = ctx.out.list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => order(a.f.severity) - order(b.f.severity) || a.f.code.localeCompare(b.f.code) || a.i - b.i)
    .map((x) => x.f);
  const totals = Object.fromEntries(ctx.out.totals) as Partial<Record<FindingCode, number>>;
  const listed = new Map<FindingCode, number>();
  for (const f of findings) listed.set(f.code, (listed.get(f.code) ?? 0) + 1);
  const truncated = [...ctx.out.totals].filter(([code, total]) => total > (listed.get(code) ?? 0));
  const allNotes = [
    ...ctx.out.notes,
    ...truncated.map(([code, total]) => notes.truncated(code, listed.get(code) ?? 0, total)),
    ...(ctx.skipped.length ? [notes.skipped(ctx.skipped, ctx.limits.budgetMs)] : []),
  ];
  const { blocking, warnings } = ctx.out;
  return {
    engine,
    ...counts,
    blocking,
    warnings,
    // A run cut short proves nothing: it is not ok, whatever it found so far.
    ok: blocking === 0 && ctx.skipped.length === 0,
    findings,
    totals,
    omitted: blocking + warnings - findings.length,
    complete: ctx.skipped.length === 0,
    settings: ctx.settings,
    notes: allNotes,
    timingsMs: ctx.timings,
    elapsedMs: Math.round(performance.now() - ctx.started),
  };
}
