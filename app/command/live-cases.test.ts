import { describe, expect, it } from 'vitest';
import { CaseStore, type CaseRecord } from './case-store';
import { DEFAULT_FILTERS, resolveFilters } from './filters';
import { LiveCases } from './live-cases';

const now = new Date('2025-06-30T08:00:00Z');
const make = (id: number, over: Partial<CaseRecord> = {}): CaseRecord => ({
  id, code: `SJ${id}`, category: 'dispute', status: 'reported', severity: 2, gridCode: '320102008001001', handlerWorkerId: null, addressText: '',
  reportedAt: new Date(now.getTime() - 3_600_000), stageDueAt: null, overdue: false, escalationLevel: 0, point: [118.7, 32.05], ...over,
});

describe('the cases between the load and the feed', () => {
  it('hold feed events until the load is in, then apply them over the pages in order', () => {
    const live = new LiveCases(new CaseStore());
    live.begin(resolveFilters({ ...DEFAULT_FILTERS, state: 'phase:open' }, now));
    live.page([make(1), make(2)]);
    // Committed while the later pages loaded: case 1 moved on, case 3 is new, case 2 was closed.
    live.feed([{ incident: make(1, { status: 'accepted' }) }, { incident: make(3) }, { incident: make(2, { status: 'closed' }) }]);
    expect(live.loading).toBe(true);
    // A page read before those events still says what it said then.
    live.page([make(1)]);
    expect(live.store.get(1)?.status).toBe('reported');
    live.finish();
    expect(live.loading).toBe(false);
    expect(live.store.get(1)?.status).toBe('accepted');
    expect(live.store.get(3)).toBeDefined();
    expect(live.store.get(2)).toBeUndefined();
    // Loaded: an event applies at once.
    live.feed([{ incident: make(3, { status: 'dispatched' }) }]);
    expect(live.store.get(3)?.status).toBe('dispatched');
  });

  it('start afresh with new filters', () => {
    const live = new LiveCases(new CaseStore());
    live.begin(resolveFilters(DEFAULT_FILTERS, now));
    live.page([make(1)]);
    live.finish();
    live.begin(resolveFilters({ ...DEFAULT_FILTERS, category: 'manhole_cover' }, now));
    expect(live.store.size).toBe(0);
    live.feed([{ incident: make(4) }]);
    live.finish();
    expect(live.store.size).toBe(0);
  });
});
