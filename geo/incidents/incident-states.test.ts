import { describe, expect, it } from 'vitest';
import {
  canMove,
  CLOCK_RUNNING_STATES,
  CLOSED_STATES,
  CLOSED_WORKLOAD_WEIGHT,
  INCIDENT_RULES,
  INCIDENT_STATES,
  isClosed,
  isIncidentState,
  statesInPhase,
} from './incident-states';

describe('incident states', () => {
  it('closes on closed, evaluated and rejected, and only there', () => {
    expect([...CLOSED_STATES].sort()).toEqual(['closed', 'evaluated', 'rejected']);
    expect(INCIDENT_STATES.filter(isClosed)).toEqual(CLOSED_STATES);
  });

  it('runs the time limit from dispatch until the handler reports done', () => {
    expect(CLOCK_RUNNING_STATES).toEqual(['dispatched', 'handling']);
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
    expect(CLOSED_WORKLOAD_WEIGHT).toBeGreaterThan(0);
    expect(CLOSED_WORKLOAD_WEIGHT).toBeLessThan(1);
    expect(isIncidentState('handling')).toBe(true);
    expect(isIncidentState('lost')).toBe(false);
  });
});
