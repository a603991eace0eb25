import { describe, expect, it } from 'vitest';
import { arrangementFormValues, canEditPlan, commentPlaces, planStateOf, threadComments, unexplainedWarnings } from './plan-workflow';

const deepFreeze = <T>(o: T): T => {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
};

describe('planStateOf and canEditPlan', () => {
  it('knows the plan states and edits only while editing or returned', () => {
    expect(planStateOf('returned')).toBe('returned');
    expect(planStateOf('draft')).toBeNull();
    expect(planStateOf(undefined)).toBeNull();
    expect(canEditPlan('editing')).toBe(true);
    expect(canEditPlan('returned')).toBe(true);
    expect(canEditPlan('submitted')).toBe(false);
    expect(canEditPlan('under_review')).toBe(false);
    expect(canEditPlan('approved')).toBe(false);
    expect(canEditPlan(null)).toBe(false);
  });
});

describe('unexplainedWarnings', () => {
  const findings = deepFreeze([
    { code: 'GRID_SLIVER', severity: 'warning', gridKeys: ['g2'] },
    { code: 'GRID_OVERLAP', severity: 'blocking', gridKeys: ['g1', 'g2'] },
    { code: 'LOAD_OUT_OF_NORM', severity: 'warning', gridKeys: ['g3'] },
    { code: 'CROSS_JURISDICTION', severity: 'warning', gridKeys: ['g4'], arrangement: { id: 7 } },
    { code: 'LOAD_OUT_OF_NORM', severity: 'warning', gridKeys: ['g3'] },
  ]);

  it('lists the warnings without a reason by key, once each, and never a blocking finding', () => {
    expect(unexplainedWarnings(findings, new Map())).toEqual(['GRID_SLIVER:g2', 'LOAD_OUT_OF_NORM:g3', 'CROSS_JURISDICTION:g4#7']);
  });

  it('counts a blank reason as none', () => {
    const reasons = new Map([
      ['GRID_SLIVER:g2', '公园内步道，保留'],
      ['LOAD_OUT_OF_NORM:g3', '   '],
    ]);
    expect(unexplainedWarnings(findings, reasons)).toEqual(['LOAD_OUT_OF_NORM:g3', 'CROSS_JURISDICTION:g4#7']);
  });
});

describe('threadComments and commentPlaces', () => {
  const comments = deepFreeze([
    { id: 1, parentId: null, place: { type: 'Point' as const, coordinates: [118.8, 32.0] }, resolvedAt: '2026-05-01T00:00:00Z' },
    { id: 2, parentId: null, place: null, resolvedAt: null },
    { id: 3, parentId: 1, place: null, resolvedAt: null },
    { id: 4, parentId: 2, place: null, resolvedAt: null },
    { id: 5, parentId: 2, place: null, resolvedAt: null },
    { id: 6, parentId: 99, place: null, resolvedAt: null },
  ]);

  it('puts replies under their thread and open threads first', () => {
    const threads = threadComments(comments);
    expect(threads.map((t) => [t.comment.id, t.replies.map((r) => r.id)])).toEqual([
      [2, [4, 5]],
      [1, [3]],
    ]);
  });

  it('draws only the threads pinned to a place, marking the focused one', () => {
    const fc = commentPlaces(threadComments(comments), 1);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]!.properties).toEqual({ id: 1, resolved: true, focused: true });
    expect(commentPlaces([], null).features).toEqual([]);
  });
});

describe('arrangementFormValues', () => {
  it('starts an enclave from the record, with all four duties', () => {
    const v = arrangementFormValues(deepFreeze({ kind: 'enclave' as const, currentResponsibilities: { public_security: 'host', household_registration: 'home' }, proposed: null }));
    expect(v).toEqual({
      responsibilities: { public_security: 'host', dispute_mediation: 'home', household_registration: 'home', key_person_control: 'home' },
      transferCompleted: false,
      notes: '',
    });
  });

  it("prefers the plan's own proposal, and keeps a transfer's sides to from/to", () => {
    const v = arrangementFormValues(
      deepFreeze({
        kind: 'pending_transfer' as const,
        currentResponsibilities: { grid_management: 'to', land: 'from' },
        proposed: { responsibilities: { grid_management: 'to', land: 'home' }, transferCompleted: true, notes: '已办结' },
      }),
    );
    expect(v).toEqual({ responsibilities: { grid_management: 'to', land: 'from' }, transferCompleted: true, notes: '已办结' });
  });
});
