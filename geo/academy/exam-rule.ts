/**
 * The academy's rules that need no database (网格学院): whether a score passes, and the district figures
 * as shares. One home for each: the SQL of exam_result.passed is the same comparison (score >= pass mark,
 * the mark at the time of the result), and the service's figures come through `academyShares`.
 */

/** A score passes when it reaches the pass mark: 60 of 60 passes, 59.9 does not. Both 0–100. */
export const passes = (score: number, passMark: number): boolean => score >= passMark;

export interface AcademyCounts {
  /** Workers not yet left (recruited, in training, on duty, leaving) at t. */
  activeWorkers: number;
  /** Of those, the ones with every required course passed by t. */
  trainedWorkers: number;
  /** Exam results recorded by t, and of those, passed. */
  examsTaken: number;
  examsPassed: number;
}

export interface AcademyShares {
  /** trained / active; null with no active worker (no figure, not 0 %). */
  trainedShare: number | null;
  /** passed / taken; null with no exam. */
  passRate: number | null;
}

export function academyShares(c: AcademyCounts): AcademyShares {
  return {
    trainedShare: c.activeWorkers > 0 ? c.trainedWorkers / c.activeWorkers : null,
    passRate: c.examsTaken > 0 ? c.examsPassed / c.examsTaken : null,
  };
}

/** The stages counted as active workers in the figures: every stage but 'left'. */
export const ACTIVE_STAGES = ['recruited', 'in_training', 'on_duty', 'leaving'] as const;
