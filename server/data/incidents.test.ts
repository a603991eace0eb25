/**
 * The SQL forms of the incident rules (geo/incidents/incident-states.ts), run by the database: the only
 * place that decides whether a case is open or overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-db';
import { closedIncidentSql, openIncidentSql, overdueIncidentSql, workloadWeightSql } from './incidents';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.dispose();
});

const DUE = new Date('2026-11-01T08:00:00Z');
const LATER = new Date('2026-11-02T08:00:00Z');

async function judge(status: string, dueAt: Date | null, at: Date) {
  const [r] = await t.db.query<{ open: boolean; closed: boolean; overdue: boolean; weight: number }>(
    `SELECT ${openIncidentSql('i')} AS open, ${closedIncidentSql('i')} AS closed, ${overdueIncidentSql('i', '$3')} AS overdue,
            ${workloadWeightSql('i')}::float8 AS weight
       FROM (SELECT $1::text AS status, $2::timestamptz AS stage_due_at) i`,
    [status, dueAt, at],
  );
  return r!;
}

describe('incident rules in SQL', () => {
  it('is overdue only past the deadline of the stage it is in, and never once over', async () => {
    expect((await judge('handling', DUE, LATER)).overdue).toBe(true);
    expect((await judge('dispatched', DUE, LATER)).overdue).toBe(true);
    expect((await judge('reported', DUE, LATER)).overdue).toBe(true);
    expect((await judge('handled', DUE, LATER)).overdue).toBe(true);
    expect((await judge('handling', DUE, DUE)).overdue).toBe(false);
    expect((await judge('accepted', null, LATER)).overdue).toBe(false);
    expect((await judge('closed', DUE, LATER)).overdue).toBe(false);
  });

  it('is open until closed, evaluated or rejected, and a closed case weighs less in the density view', async () => {
    for (const s of ['reported', 'accepted', 'dispatched', 'handling', 'handled', 'verified']) {
      expect(await judge(s, null, LATER)).toMatchObject({ open: true, closed: false, weight: 1 });
    }
    for (const s of ['closed', 'evaluated', 'rejected']) {
      const r = await judge(s, null, LATER);
      expect(r).toMatchObject({ open: false, closed: true });
      expect(r.weight).toBeGreaterThan(0);
      expect(r.weight).toBeLessThan(1);
    }
  });
});
