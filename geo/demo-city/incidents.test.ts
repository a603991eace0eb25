import { describe, expect, it } from 'vitest';
import { draftIncident, incidentAgeHours } from './incidents';
import { createRng } from '../random/prng';

const REF = new Date('2026-11-01T00:00:00+08:00');

/** A catalogue as the migration's: components and events, handling limits in hours (24 h for the others). */
const COMPONENTS = new Set(['manhole_cover', 'street_lamp', 'traffic_sign', 'fire_hydrant', 'public_toilet', 'greenery']);
const HOURS = (key: string) => ({
  cls: COMPONENTS.has(key) ? ('component' as const) : ('event' as const),
  handleLimitHours: ({ manhole_cover: 4, street_lamp: 48, illegal_construction: 168, livelihood: 120 } as Record<string, number>)[key] ?? 24,
});

describe('draftIncident', () => {
  const rng = createRng(11);
  const drafts = Array.from({ length: 4000 }, () => draftIncident(rng, REF, incidentAgeHours(rng), '某小区', HOURS));

  it('keeps every timeline ordered and before the reference instant', () => {
    for (const d of drafts) {
      const seq = [d.reportedAt, d.acceptedAt, d.dispatchedAt, d.handledAt, d.verifiedAt, d.closedAt].filter((x): x is Date => x !== null);
      for (let i = 1; i < seq.length; i++) expect(seq[i]!.getTime()).toBeGreaterThanOrEqual(seq[i - 1]!.getTime());
      for (const x of seq) expect(x.getTime()).toBeLessThanOrEqual(REF.getTime());
      if (d.dueAt) expect(d.dispatchedAt).not.toBeNull();
    }
  });

  it('produces every status, overdue open cases and escalations', () => {
    const statuses = new Set(drafts.map((d) => d.status));
    for (const s of ['accepted', 'rejected', 'dispatched', 'handling', 'handled', 'verified', 'closed', 'evaluated']) expect(statuses).toContain(s);
    const overdue = drafts.filter((d) => d.dueAt && d.dueAt < REF && !d.handledAt && d.status !== 'rejected');
    expect(overdue.length).toBeGreaterThan(10);
    expect(drafts.some((d) => d.escalated)).toBe(true);
    expect(new Set(drafts.map((d) => d.cls))).toEqual(new Set(['component', 'event']));
  });

  it('is deterministic', () => {
    const a = createRng(5);
    const b = createRng(5);
    expect(draftIncident(a, REF, 100, 'x', HOURS)).toEqual(draftIncident(b, REF, 100, 'x', HOURS));
  });
});
