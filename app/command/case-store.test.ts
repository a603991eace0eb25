import { describe, expect, it } from 'vitest';
import { CLOSED_WORKLOAD_WEIGHT } from '@/geo/incidents/incident-states';
import { CASE_RADIUS, OVERDUE_RGB, PHASE_RGB } from './case-paint';
import { CaseStore, type CaseRecord } from './case-store';

const at = new Date('2025-06-30T02:00:00Z');
const make = (id: number, over: Partial<CaseRecord> = {}): CaseRecord =>
  Object.freeze({
    id,
    code: `SJ20250630${String(id).padStart(6, '0')}`,
    category: 'manhole_cover',
    status: 'reported',
    severity: 2,
    gridCode: '320102008001001',
    handlerWorkerId: null,
    addressText: '',
    reportedAt: at,
    stageDueAt: null,
    overdue: false,
    escalationLevel: 0,
    point: Object.freeze([118.7 + id / 1000, 32.05]) as [number, number],
    ...over,
  }) as CaseRecord;

const fillOf = (s: CaseStore, id: number) => {
  const slot = s.all().findIndex((c) => c.id === id);
  return [...s.points.fill.subarray(slot * 4, slot * 4 + 3)];
};

describe('the case store', () => {
  it('adds, updates and removes by id, keeping the slots dense and the typed arrays in step', () => {
    const s = new CaseStore();
    expect(s.upsert(make(1))).toBe('added');
    expect(s.upsert(make(2))).toBe('added');
    expect(s.upsert(make(3))).toBe('added');
    expect(s.upsert(make(2))).toBe('unchanged');
    expect(s.upsert(make(2, { status: 'closed' }))).toBe('updated');
    expect(fillOf(s, 2)).toEqual(PHASE_RGB.closed);
    expect(s.points.weight[s.all().findIndex((c) => c.id === 2)]).toBeCloseTo(CLOSED_WORKLOAD_WEIGHT);
    expect(s.remove(1)).toBe('removed');
    expect(s.remove(1)).toBe('unchanged');
    expect(s.size).toBe(2);
    expect(s.points.length).toBe(2);
    // The last case moved into the hole: its position and paint moved with it.
    const slot3 = s.all().findIndex((c) => c.id === 3);
    expect(slot3).toBe(0);
    expect(s.atSlot(0)?.id).toBe(3);
    expect([...s.points.positions.subarray(0, 2)]).toEqual([make(3).point[0], 32.05]);
    expect(fillOf(s, 3)).toEqual(PHASE_RGB.open);
  });

  it('counts the open cases per grid as cases come, change state and go', () => {
    const s = new CaseStore();
    s.upsert(make(1));
    s.upsert(make(2));
    s.upsert(make(3, { gridCode: '320102008001002' }));
    s.upsert(make(4, { gridCode: null }));
    expect(Object.fromEntries(s.openCountsByGrid())).toEqual({ '320102008001001': 2, '320102008001002': 1 });
    s.upsert(make(1, { status: 'closed' }));
    s.upsert(make(3, { gridCode: '320102008001001' }));
    expect(Object.fromEntries(s.openCountsByGrid())).toEqual({ '320102008001001': 2 });
    s.remove(2);
    s.remove(3);
    expect(Object.fromEntries(s.openCountsByGrid())).toEqual({});
  });

  it('keeps the overdue and escalated open cases as markers, and paints overdue ones larger with a red ring', () => {
    const s = new CaseStore();
    s.upsert(make(1, { overdue: true }));
    s.upsert(make(2, { escalationLevel: 1 }));
    s.upsert(make(3, { overdue: true, status: 'closed' }));
    const m = s.markers();
    expect(m.overdue.map((c) => c.id)).toEqual([1]);
    expect(m.escalated.map((c) => c.id)).toEqual([2]);
    expect(s.markers()).toBe(m);
    expect([...s.points.line.subarray(0, 3)]).toEqual(OVERDUE_RGB);
    expect(s.points.radius[0]).toBe(CASE_RADIUS.overdue);
    expect(s.points.radius[1]).toBe(CASE_RADIUS.open);
    s.upsert(make(1, { overdue: false, status: 'accepted' }));
    expect(s.markers().overdue).toEqual([]);
  });

  it('applies a feed case: kept when it is shown, dropped when it no longer is', () => {
    const s = new CaseStore();
    const openOnly = (c: CaseRecord) => c.status === 'reported' || c.status === 'accepted';
    expect(s.apply(make(1), openOnly)).toBe('added');
    expect(s.apply(make(1, { status: 'accepted' }), openOnly)).toBe('updated');
    expect(s.apply(make(1, { status: 'dispatched' }), openOnly)).toBe('removed');
    expect(s.apply(make(2, { status: 'closed' }), openOnly)).toBe('unchanged');
    expect(s.size).toBe(0);
  });

  it('hands deck.gl new attribute descriptors only for the arrays that changed, and grows past its first capacity', () => {
    const s = new CaseStore();
    for (let i = 1; i <= 3000; i++) s.upsert(make(i));
    const a = s.points.binaryData();
    expect(a.length).toBe(3000);
    expect(s.points.binaryData()).toBe(a);
    s.upsert(make(7, { status: 'handled' }));
    const b = s.points.binaryData();
    expect(b).not.toBe(a);
    expect(b.attributes.getPosition).toBe(a.attributes.getPosition);
    expect(b.attributes.getFillColor).not.toBe(a.attributes.getFillColor);
    expect(s.get(2999)?.code).toBe(make(2999).code);
    expect([...s.points.positions.subarray(2998 * 2, 2998 * 2 + 2)]).toEqual([make(2999).point[0], 32.05]);
  });

  it('notifies its subscribers once per batch', () => {
    const s = new CaseStore();
    let calls = 0;
    const off = s.subscribe(() => calls++);
    s.upsert(make(1));
    s.upsert(make(2));
    s.notify();
    off();
    s.notify();
    expect(calls).toBe(1);
    expect(s.version).toBe(2);
  });
});
