import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  checkPlanMove,
  effectiveState,
  FINAL_STATES,
  isEditable,
  OPEN_STATES,
  PLAN_ACTION_RULES,
  PLAN_ACTIONS,
  PLAN_STATES,
  type PlanAction,
  type PlanActorRole,
  type PlanState,
} from './plan-states';

const move = (state: PlanState, action: PlanAction, role: PlanActorRole, extra: Partial<Parameters<typeof checkPlanMove>[0]> = {}) =>
  checkPlanMove({ state, action, role, isAuthor: false, ...extra });

describe('the plan states', () => {
  it('run street draft → district review → city filing, with no step skipped', () => {
    const path: [PlanAction, PlanActorRole, PlanState][] = [
      ['submit', 'street_editor', 'submitted'],
      ['start_review', 'district_reviewer', 'under_review'],
      ['return', 'district_reviewer', 'returned'],
      ['submit', 'street_editor', 'submitted'],
      ['start_review', 'district_reviewer', 'under_review'],
      ['approve', 'district_reviewer', 'approved'],
      ['file', 'city_filer', 'filed'],
      ['supersede', 'system', 'superseded'],
    ];
    let state: PlanState = 'editing';
    for (const [action, role, to] of path) {
      const r = move(state, action, role, { comment: 'why' });
      expect(r).toEqual({ ok: true, to });
      state = to;
    }
  });

  it('refuses every move not in the table: no skipping, no reordering', () => {
    const allowed = new Set(PLAN_ACTIONS.flatMap((a) => PLAN_ACTION_RULES[a].from.map((s) => `${s}:${a}`)));
    for (const state of PLAN_STATES) {
      for (const action of PLAN_ACTIONS) {
        const r = move(state, action, PLAN_ACTION_RULES[action].by, { comment: 'why' });
        expect([state, action, r.ok]).toEqual([state, action, allowed.has(`${state}:${action}`)]);
        if (!r.ok) expect(r.refusal).toBe('NOT_FROM_THIS_STATE');
      }
    }
    expect(move('editing', 'approve', 'district_reviewer')).toEqual({ ok: false, refusal: 'NOT_FROM_THIS_STATE' });
    expect(move('submitted', 'file', 'city_filer')).toEqual({ ok: false, refusal: 'NOT_FROM_THIS_STATE' });
  });

  it('lets only the right role move each step', () => {
    expect(move('editing', 'submit', 'district_reviewer')).toEqual({ ok: false, refusal: 'WRONG_ROLE' });
    expect(move('submitted', 'start_review', 'street_editor')).toEqual({ ok: false, refusal: 'WRONG_ROLE' });
    expect(move('approved', 'file', 'district_reviewer')).toEqual({ ok: false, refusal: 'WRONG_ROLE' });
    expect(move('filed', 'supersede', 'city_filer')).toEqual({ ok: false, refusal: 'WRONG_ROLE' });
  });

  it('never lets the author review or file their own plan', () => {
    for (const action of ['start_review', 'return', 'approve', 'reject', 'file'] as const) {
      const rule = PLAN_ACTION_RULES[action];
      expect(move(rule.from[0]!, action, rule.by, { isAuthor: true, comment: 'x' })).toEqual({ ok: false, refusal: 'AUTHOR_CANNOT_DO_THIS' });
    }
    expect(move('editing', 'submit', 'street_editor', { isAuthor: true }).ok).toBe(true);
  });

  it('needs a written reason to return or reject', () => {
    expect(move('under_review', 'return', 'district_reviewer', { comment: '  ' })).toEqual({ ok: false, refusal: 'COMMENT_REQUIRED' });
    expect(move('under_review', 'reject', 'district_reviewer')).toEqual({ ok: false, refusal: 'COMMENT_REQUIRED' });
    expect(move('under_review', 'approve', 'district_reviewer').ok).toBe(true);
  });

  it('keeps a plan with blocking findings, or warnings without a reason, from being submitted or approved', () => {
    expect(move('editing', 'submit', 'street_editor', { blockingFindings: 1 })).toEqual({ ok: false, refusal: 'BLOCKING_FINDINGS' });
    expect(move('editing', 'submit', 'street_editor', { unexplainedWarnings: 2 })).toEqual({ ok: false, refusal: 'WARNINGS_NEED_REASONS' });
    expect(move('under_review', 'approve', 'district_reviewer', { blockingFindings: 1 })).toEqual({ ok: false, refusal: 'BLOCKING_FINDINGS' });
    // A return or a rejection is exactly what a plan with findings may need.
    expect(move('under_review', 'return', 'district_reviewer', { blockingFindings: 3, comment: '有重叠' }).ok).toBe(true);
  });

  it('freezes a submitted plan: only editing and returned plans are editable', () => {
    expect(PLAN_STATES.filter(isEditable)).toEqual(['editing', 'returned']);
    expect(OPEN_STATES.every((s) => !FINAL_STATES.includes(s))).toBe(true);
    expect(FINAL_STATES).toEqual(['withdrawn', 'rejected', 'superseded']);
    expect(actionsFrom('under_review')).toEqual(['return', 'approve', 'reject']);
  });

  it('puts a filed plan in force from its effective date on, without anyone acting', () => {
    const date = new Date('2027-01-01T00:00:00+08:00');
    expect(effectiveState('filed', date, new Date('2026-12-31T23:59:59+08:00'))).toBe('filed');
    expect(effectiveState('filed', date, date)).toBe('in_force');
    expect(effectiveState('approved', date, new Date('2027-06-01'))).toBe('approved');
  });
});
