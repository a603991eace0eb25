import { describe, expect, it } from 'vitest';
import { checkStageMove, endsAssignments, mayTakeGrid, nextStages, STAGE_MOVES, WORKER_STAGES, isAssessmentPeriod, assessmentPeriodStart } from './worker-stages';

describe('checkStageMove', () => {
  it('walks the whole career: recruited, in training, on duty, leaving, left, re-hired', () => {
    expect(checkStageMove(null, 'recruited')).toEqual({ valid: true });
    expect(checkStageMove('recruited', 'in_training')).toEqual({ valid: true });
    expect(checkStageMove('in_training', 'on_duty')).toEqual({ valid: true });
    expect(checkStageMove('on_duty', 'leaving', { leavingReason: 'resigned' })).toEqual({ valid: true });
    expect(checkStageMove('leaving', 'left', { leavingReason: 'resigned' })).toEqual({ valid: true });
    expect(checkStageMove('left', 'recruited')).toEqual({ valid: true });
  });

  it('refuses skipping the training, a first event other than a recruitment, and coming back from left to duty', () => {
    expect(checkStageMove('recruited', 'on_duty')).toEqual({ valid: false, reason: 'STAGE_MOVE_NOT_ALLOWED' });
    expect(checkStageMove(null, 'on_duty')).toEqual({ valid: false, reason: 'STAGE_MOVE_NOT_ALLOWED' });
    expect(checkStageMove('left', 'on_duty')).toEqual({ valid: false, reason: 'STAGE_MOVE_NOT_ALLOWED' });
    expect(checkStageMove('leaving', 'in_training')).toEqual({ valid: false, reason: 'STAGE_MOVE_NOT_ALLOWED' });
  });

  it('refuses a move to the same stage', () => {
    for (const s of WORKER_STAGES) expect(checkStageMove(s, s)).toEqual({ valid: false, reason: 'STAGE_UNCHANGED' });
  });

  it('asks a reason for leaving, only when leaving, and a note for "other"', () => {
    expect(checkStageMove('on_duty', 'left')).toEqual({ valid: false, reason: 'LEAVING_REASON_REQUIRED' });
    expect(checkStageMove('recruited', 'in_training', { leavingReason: 'resigned' })).toEqual({ valid: false, reason: 'LEAVING_REASON_NOT_EXPECTED' });
    expect(checkStageMove('on_duty', 'left', { leavingReason: 'other', note: '  ' })).toEqual({ valid: false, reason: 'NOTE_REQUIRED' });
    expect(checkStageMove('on_duty', 'left', { leavingReason: 'other', note: '随家属迁居外地' })).toEqual({ valid: true });
  });

  it('offers exactly the moves it allows', () => {
    for (const from of [null, ...WORKER_STAGES] as const) {
      for (const to of WORKER_STAGES) {
        const ok = checkStageMove(from, to, { leavingReason: to === 'leaving' || to === 'left' ? 'resigned' : null }).valid;
        expect([from, to, ok]).toEqual([from, to, nextStages(from).includes(to)]);
      }
    }
    // Every stage has a way on; none leads to itself.
    for (const s of WORKER_STAGES) expect(STAGE_MOVES[s].length > 0 && !STAGE_MOVES[s].includes(s)).toBe(true);
  });
});

describe('grids and stages', () => {
  it('gives grids only to workers on duty, and ends them when the worker goes back to training or leaves', () => {
    expect(WORKER_STAGES.filter((s) => mayTakeGrid(s))).toEqual(['on_duty']);
    expect(mayTakeGrid(null)).toBe(false);
    expect(WORKER_STAGES.filter(endsAssignments)).toEqual(['recruited', 'in_training', 'left']);
  });

  it('knows a period of assessment', () => {
    expect(['2026', '2026-H1', '2026-Q4'].map(isAssessmentPeriod)).toEqual([true, true, true]);
    expect(['26', '2026-Q5', '2026-q1', '2026-H3', ''].map(isAssessmentPeriod)).toEqual([false, false, false, false, false]);
    expect(['2026', '2026-H2', '2026-Q4'].map((p) => assessmentPeriodStart(p).toISOString())).toEqual([
      '2025-12-31T16:00:00.000Z',
      '2026-06-30T16:00:00.000Z',
      '2026-09-30T16:00:00.000Z',
    ]);
  });
});
