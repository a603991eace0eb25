/** Reasons of the browser-side pre-checks; the same names as the server's finding codes where they match. */
export const PRECHECK_REASONS = {
  selfIntersection: 'GRID_SELF_INTERSECTION',
  tooFewPoints: 'GRID_EMPTY_PART',
  overlap: 'GRID_OVERLAP',
} as const;
export type PrecheckReason = (typeof PRECHECK_REASONS)[keyof typeof PRECHECK_REASONS];
