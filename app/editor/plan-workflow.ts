/**
 * The editor's view of the plan workflow, as plain data: the draft's plan state, the warnings that still
 * need the editor's reason, the review comments as threads and map features, and the arrangement form's
 * starting values. The server stays the authority on every rule; these only shape what the editor shows.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { findingKey } from '@/geo/plans/finding-key';
import { isEditable, isPlanState, type PlanState } from '@/geo/plans/plan-states';

/** The draft's status as a plan state (null while unknown, or for a status this build does not know). */
export function planStateOf(status: string | null | undefined): PlanState | null {
  return status && isPlanState(status) ? status : null;
}

/** Edits are offered only while the plan is being drafted or after a return. */
export const canEditPlan = (state: PlanState | null): boolean => state !== null && isEditable(state);

interface WarningLike {
  code: string;
  severity: string;
  gridKeys: string[];
  arrangement?: { id: number } | null;
}

/** The keys of the report's warnings that have no (non-blank) reason yet, in list order, without repeats. */
export function unexplainedWarnings(findings: readonly WarningLike[], reasons: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const f of findings) {
    if (f.severity !== 'warning') continue;
    const key = findingKey(f);
    if (!(reasons.get(key) ?? '').trim() && !out.includes(key)) out.push(key);
  }
  return out;
}

export interface CommentLike {
  id: number;
  parentId: number | null;
  place: Geometry | null;
  resolvedAt: string | null;
}

export interface CommentThread<C extends CommentLike> {
  comment: C;
  /** Replies, oldest first. */
  replies: C[];
}

/**
 * Top-level comments with their replies: open threads first, then resolved ones, each group oldest first
 * (comments arrive ordered by id). A reply whose thread is missing is dropped.
 */
export function threadComments<C extends CommentLike>(comments: readonly C[]): CommentThread<C>[] {
  const threads = new Map<number, CommentThread<C>>();
  for (const c of comments) if (c.parentId === null) threads.set(c.id, { comment: c, replies: [] });
  for (const c of comments) if (c.parentId !== null) threads.get(c.parentId)?.replies.push(c);
  const all = [...threads.values()];
  return [...all.filter((t) => !t.comment.resolvedAt), ...all.filter((t) => t.comment.resolvedAt)];
}

/** The places review comments are pinned to, for the editor map; `focused` marks the chosen thread. */
export function commentPlaces(threads: readonly CommentThread<CommentLike>[], focused: number | null): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: threads.flatMap((t) =>
      t.comment.place
        ? [{ type: 'Feature' as const, geometry: t.comment.place, properties: { id: t.comment.id, resolved: t.comment.resolvedAt !== null, focused: t.comment.id === focused } }]
        : [],
    ),
  };
}

/** The duties split between the home and the host side of an enclave (the reports' four). */
export const ENCLAVE_DUTIES = ['public_security', 'dispute_mediation', 'household_registration', 'key_person_control'] as const;

export type ArrangementSide = 'home' | 'host' | 'from' | 'to';
export const SIDES_OF = { enclave: ['home', 'host'], pending_transfer: ['from', 'to'] } as const satisfies Record<string, readonly ArrangementSide[]>;

interface ArrangementLike {
  kind: 'enclave' | 'pending_transfer';
  currentResponsibilities: Record<string, string>;
  proposed: { responsibilities: Record<string, string>; transferCompleted: boolean; notes: string } | null;
}

/**
 * The form's starting values: what this plan proposed already, else what is on record. An enclave always
 * lists its four duties; a transfer lists the duties on record. A side that is not one of the kind's two
 * falls back to the first (home, from).
 */
export function arrangementFormValues(a: ArrangementLike): { responsibilities: Record<string, ArrangementSide>; transferCompleted: boolean; notes: string } {
  const sides: readonly ArrangementSide[] = SIDES_OF[a.kind];
  const source = a.proposed?.responsibilities ?? a.currentResponsibilities;
  const duties = [...new Set([...(a.kind === 'enclave' ? ENCLAVE_DUTIES : []), ...Object.keys(a.currentResponsibilities), ...Object.keys(source)])];
  const responsibilities: Record<string, ArrangementSide> = {};
  for (const duty of duties) {
    const side = source[duty] ?? a.currentResponsibilities[duty];
    responsibilities[duty] = sides.includes(side as ArrangementSide) ? (side as ArrangementSide) : sides[0]!;
  }
  return { responsibilities, transferCompleted: a.proposed?.transferCompleted ?? false, notes: a.proposed?.notes ?? '' };
}
