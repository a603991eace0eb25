import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  canMove,
  INCIDENT_ACTIONS,
  INCIDENT_ACTION_NAMES,
  stageDueAt,
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
    expect(canMove('handled', 'accepted')).toBe(true);
    expect(canMove('handled', 'dispatched')).toBe(false);
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

describe('incident actions and stage deadlines', () => {
  it('has one action for every move of the loop and none that skips a state', () => {
    const moves = new Set(INCIDENT_ACTION_NAMES.map((a) => `${INCIDENT_ACTIONS[a].from}>${INCIDENT_ACTIONS[a].to}`));
    const edges = INCIDENT_STATES.flatMap((s) => INCIDENT_RULES[s].next.map((n) => `${s}>${n}`));
    expect([...moves].sort()).toEqual([...edges].sort());
    expect(actionsFrom('handled').sort()).toEqual(['verify_fail', 'verify_pass']);
    expect(actionsFrom('evaluated')).toEqual([]);
    expect(INCIDENT_ACTIONS.not_accept.noteRequired && INCIDENT_ACTIONS.verify_fail.noteRequired).toBe(true);
  });

  it('starts the limit of a stage when the stage begins and keeps it within the stage', () => {
    const limits = { accept: 30, dispatch: 60, handle: 240, verify: 120, close: 1440 };
    const t0 = new Date('2026-12-01T02:00:00Z');
    expect(stageDueAt(null, 'reported', t0, limits, null)).toEqual(new Date('2026-12-01T02:30:00Z'));
    const due = stageDueAt('accepted', 'dispatched', t0, limits, null)!;
    expect(due).toEqual(new Date('2026-12-01T06:00:00Z'));
    expect(stageDueAt('dispatched', 'handling', new Date('2026-12-01T03:00:00Z'), limits, due)).toEqual(due);
    expect(stageDueAt('handled', 'accepted', t0, limits, null)).toEqual(new Date('2026-12-01T03:00:00Z'));
    expect(stageDueAt('verified', 'closed', t0, limits, null)).toBeNull();
  });
});
