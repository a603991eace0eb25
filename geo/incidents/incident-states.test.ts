import { describe, expect, it } from 'vitest';
import {
  canMove,
  CLOCK_RUNNING_STATES,
  CLOSED_STATES,
  INCIDENT_RULES,
  INCIDENT_STATES,
  isClosed,
  isIncidentState,
  isOverdue,
  statesInPhase,
  workloadWeight,
} from './incident-states';

describe('incident states', () => {
  it('closes on closed, evaluated and rejected, and only there', () => {
    expect([...CLOSED_STATES].sort()).toEqual(['closed', 'evaluated', 'rejected']);
    expect(INCIDENT_STATES.filter(isClosed)).toEqual(CLOSED_STATES);
  });

  it('runs the time limit from dispatch until the handler reports done', () => {
    expect(CLOCK_RUNNING_STATES).toEqual(['dispatched', 'handling']);
    const due = new Date('2026-11-01T08:00:00Z');
    const later = new Date('2026-11-02T08:00:00Z');
    expect(isOverdue({ status: 'handling', dueAt: due }, later)).toBe(true);
    expect(isOverdue({ status: 'handling', dueAt: due }, due)).toBe(false);
    expect(isOverdue({ status: 'handled', dueAt: due }, later)).toBe(false);
    expect(isOverdue({ status: 'accepted', dueAt: null }, later)).toBe(false);
  });

  it('moves only along the loop: no skipping, verification can send a case back to dispatch', () => {
    expect(canMove('reported', 'accepted')).toBe(true);
    expect(canMove('reported', 'dispatched')).toBe(false);
    expect(canMove('handled', 'dispatched')).toBe(true);
    expect(canMove('closed', 'reported')).toBe(false);
    // Every state can be reached from 'reported', and the closed states end the loop or lead to evaluation.
    const reached = new Set<string>(['reported']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of [...reached]) for (const n of INCIDENT_RULES[s as keyof typeof INCIDENT_RULES].next) if (!reached.has(n)) reached.add(n), (changed = true);
    }
    expect([...reached].sort()).toEqual([...INCIDENT_STATES].sort());
    for (const s of CLOSED_STATES) expect(INCIDENT_RULES[s].next.every((n) => isClosed(n))).toBe(true);
  });

  it('groups every state into one phase and weighs the closed ones less', () => {
    const phases = [...statesInPhase('open'), ...statesInPhase('handled'), ...statesInPhase('closed')];
    expect(phases.sort()).toEqual([...INCIDENT_STATES].sort());
    expect(workloadWeight('closed')).toBeLessThan(workloadWeight('handling'));
    expect(isIncidentState('handling')).toBe(true);
    expect(isIncidentState('lost')).toBe(false);
  });
});
