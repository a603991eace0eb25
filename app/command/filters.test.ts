import { describe, expect, it } from 'vitest';
import { statesInPhase } from '@/geo/incidents/incident-states';
import type { CaseRecord } from './case-store';
import { caseShown, DEFAULT_FILTERS, eventShown, filtersKey, listInput, resolveFilters, statesOf, STATE_CHOICES, type CommandFilters } from './filters';

const now = new Date('2025-06-30T08:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const c = (over: Partial<CaseRecord> = {}) =>
  Object.freeze({ category: 'manhole_cover', status: 'reported' as const, gridCode: '320102008001001', reportedAt: hoursAgo(1), overdue: false, ...over });
const f = (over: Partial<CommandFilters> = {}) => resolveFilters({ ...DEFAULT_FILTERS, ...over }, now);

describe('the command filters', () => {
  it('fix the window to a start time', () => {
    expect(f().since).toEqual(hoursAgo(24));
    expect(f({ window: '7d' }).since).toEqual(hoursAgo(24 * 7));
    expect(f({ window: '30d' }).since).toEqual(hoursAgo(24 * 30));
  });

  it('read a state choice as all, a phase or one state', () => {
    expect(statesOf('all')).toBeUndefined();
    expect(statesOf('phase:open')).toEqual(statesInPhase('open'));
    expect(statesOf('phase:closed')).toEqual(['rejected', 'closed', 'evaluated']);
    // A state of the same name as a phase is that state alone.
    expect(statesOf('closed')).toEqual(['closed']);
    expect(statesOf('dispatched')).toEqual(['dispatched']);
    expect(new Set(STATE_CHOICES).size).toBe(STATE_CHOICES.length);
  });

  it('become incidents.list input, only with what is set', () => {
    expect(listInput(f())).toEqual({ since: hoursAgo(24), limit: 1000 });
    expect(listInput(f({ category: 'dispute', state: 'phase:handled', areaCode: '320102', overdueOnly: true }), 500)).toEqual({
      since: hoursAgo(24), limit: 1000, states: ['handled', 'verified'], categories: ['dispute'], areaCode: '320102', overdueOnly: true, before: 500,
    });
  });

  it('decide whether a case the feed reports belongs on the map', () => {
    expect(caseShown(f(), c())).toBe(true);
    expect(caseShown(f(), c({ reportedAt: hoursAgo(25) }))).toBe(false);
    expect(caseShown(f({ category: 'dispute' }), c())).toBe(false);
    expect(caseShown(f({ areaCode: '320104' }), c())).toBe(false);
    expect(caseShown(f({ areaCode: '320102008' }), c())).toBe(true);
    expect(caseShown(f({ areaCode: '320102' }), c({ gridCode: null }))).toBe(false);
    expect(caseShown(f({ state: 'phase:open' }), c({ status: 'closed' }))).toBe(false);
    expect(caseShown(f({ overdueOnly: true }), c())).toBe(false);
    expect(caseShown(f({ overdueOnly: true }), c({ overdue: true }))).toBe(true);
  });

  it('list an event by its case\'s category and place, whatever its state', () => {
    expect(eventShown(f({ state: 'phase:open' }), c({ status: 'closed' }))).toBe(true);
    expect(eventShown(f({ category: 'dispute' }), c())).toBe(false);
  });

  it('key the load by what changes the cases', () => {
    expect(filtersKey(DEFAULT_FILTERS)).toBe(filtersKey({ ...DEFAULT_FILTERS }));
    expect(filtersKey({ ...DEFAULT_FILTERS, overdueOnly: true })).not.toBe(filtersKey(DEFAULT_FILTERS));
  });
});
