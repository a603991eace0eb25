/**
 * The command centre's cases in memory: loaded page by page from incidents.list, then kept current by the
 * live feed (each event carries its case as it is now: upsert by id). It owns the typed arrays the map
 * draws (point-buffers.ts), the open cases per grid (the grid shading) and the overdue and escalated
 * cases (drawn on top). Outside React: components read it through subscribe/version.
 */
import { isClosed, type IncidentState } from '@/geo/incidents/incident-states';
import { paintCase } from './case-paint';
import { PointBuffers } from './point-buffers';

/** What the command centre keeps of a case: the fields common to a list item and a feed event's case. */
export interface CaseRecord {
  id: number;
  code: string;
  category: string;
  status: IncidentState;
  severity: number;
  gridCode: string | null;
  handlerWorkerId: number | null;
  addressText: string;
  reportedAt: Date;
  stageDueAt: Date | null;
  overdue: boolean;
  escalationLevel: number;
  point: [number, number];
}

/** A case with the fields of CaseRecord (an incidents.list item or a feed event's incident). */
export const toCaseRecord = (c: CaseRecord): CaseRecord => ({
  id: c.id,
  code: c.code,
  category: c.category,
  status: c.status,
  severity: c.severity,
  gridCode: c.gridCode,
  handlerWorkerId: c.handlerWorkerId,
  addressText: c.addressText,
  reportedAt: c.reportedAt,
  stageDueAt: c.stageDueAt,
  overdue: c.overdue,
  escalationLevel: c.escalationLevel,
  point: [c.point[0], c.point[1]],
});

const sameCase = (a: CaseRecord, b: CaseRecord): boolean =>
  a.code === b.code && a.category === b.category && a.status === b.status && a.severity === b.severity && a.gridCode === b.gridCode &&
  a.handlerWorkerId === b.handlerWorkerId && a.addressText === b.addressText && a.reportedAt.getTime() === b.reportedAt.getTime() &&
  (a.stageDueAt?.getTime() ?? null) === (b.stageDueAt?.getTime() ?? null) && a.overdue === b.overdue && a.escalationLevel === b.escalationLevel &&
  a.point[0] === b.point[0] && a.point[1] === b.point[1];

/** Overdue as the map flags it: past its stage deadline and not over. */
export const isOverdue = (c: Pick<CaseRecord, 'overdue' | 'status'>): boolean => c.overdue && !isClosed(c.status);
/** Escalated (督办) and still open. */
export const isEscalated = (c: Pick<CaseRecord, 'escalationLevel' | 'status'>): boolean => c.escalationLevel > 0 && !isClosed(c.status);

export type ApplyResult = 'added' | 'updated' | 'removed' | 'unchanged';

export class CaseStore {
  readonly points = new PointBuffers();
  private records: CaseRecord[] = [];
  private readonly slotOf = new Map<number, number>();
  private readonly openByGrid = new Map<string, number>();
  private readonly overdue = new Map<number, CaseRecord>();
  private readonly escalated = new Map<number, CaseRecord>();
  private readonly listeners = new Set<() => void>();
  /** Bumped by every change (for useSyncExternalStore and redraws). */
  version = 0;
  /** Bumped when the overdue or escalated cases change (their layers are small object lists). */
  markersVersion = 0;
  private markerCache: { version: number; overdue: CaseRecord[]; escalated: CaseRecord[] } | null = null;

  get size(): number {
    return this.records.length;
  }

  get(id: number): CaseRecord | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.records[slot];
  }

  /** The case drawn in slot `index` (what a deck.gl pick of the points layer names). */
  atSlot(index: number): CaseRecord | undefined {
    return this.records[index];
  }

  /** Adds or replaces a case. */
  upsert(input: CaseRecord): ApplyResult {
    const c = toCaseRecord(input);
    const slot = this.slotOf.get(c.id);
    if (slot !== undefined) {
      const old = this.records[slot]!;
      if (sameCase(old, c)) return 'unchanged';
      this.account(old, -1);
      this.records[slot] = c;
      this.draw(slot, c);
      this.account(c, +1);
      this.version++;
      return 'updated';
    }
    const next = this.records.length;
    this.points.reserve(next + 1);
    this.records.push(c);
    this.slotOf.set(c.id, next);
    this.points.length = this.records.length;
    this.draw(next, c);
    this.account(c, +1);
    this.version++;
    return 'added';
  }

  /** Removes a case (it left the filters); its slot is filled with the last one. */
  remove(id: number): ApplyResult {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return 'unchanged';
    const old = this.records[slot]!;
    this.account(old, -1);
    const last = this.records.length - 1;
    if (slot !== last) {
      const moved = this.records[last]!;
      this.records[slot] = moved;
      this.slotOf.set(moved.id, slot);
      this.points.move(last, slot);
    }
    this.records.pop();
    this.slotOf.delete(id);
    this.points.length = this.records.length;
    this.version++;
    return 'removed';
  }

  /**
   * A case as the feed reports it now: kept (added or updated) when it matches what is shown, removed
   * when it no longer does.
   */
  apply(c: CaseRecord, shown: (c: CaseRecord) => boolean): ApplyResult {
    return shown(c) ? this.upsert(c) : this.remove(c.id);
  }

  clear(): void {
    this.records = [];
    this.slotOf.clear();
    this.openByGrid.clear();
    this.overdue.clear();
    this.escalated.clear();
    this.points.length = 0;
    this.version++;
    this.markersVersion++;
  }

  /** Open cases per grid code (cases outside every grid are not counted). */
  openCountsByGrid(): ReadonlyMap<string, number> {
    return this.openByGrid;
  }

  /** The overdue and the escalated open cases (small lists, rebuilt only when they change). */
  markers(): { overdue: CaseRecord[]; escalated: CaseRecord[] } {
    if (this.markerCache?.version !== this.markersVersion) {
      this.markerCache = { version: this.markersVersion, overdue: [...this.overdue.values()], escalated: [...this.escalated.values()] };
    }
    return this.markerCache;
  }

  /** Every case (for lists and counts); the array is the store's own, do not change it. */
  all(): readonly CaseRecord[] {
    return this.records;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the subscribers once, after a batch of changes. */
  notify(): void {
    for (const l of [...this.listeners]) l();
  }

  private draw(slot: number, c: CaseRecord): void {
    this.points.setPosition(slot, c.point[0], c.point[1]);
    this.points.setPaint(slot, paintCase(c.status, isOverdue(c)));
  }

  private account(c: CaseRecord, sign: 1 | -1): void {
    if (c.gridCode && !isClosed(c.status)) {
      const n = (this.openByGrid.get(c.gridCode) ?? 0) + sign;
      if (n > 0) this.openByGrid.set(c.gridCode, n);
      else this.openByGrid.delete(c.gridCode);
    }
    if (isOverdue(c)) {
      if (sign > 0) this.overdue.set(c.id, c);
      else this.overdue.delete(c.id);
      this.markersVersion++;
    }
    if (isEscalated(c)) {
      if (sign > 0) this.escalated.set(c.id, c);
      else this.escalated.delete(c.id);
      this.markersVersion++;
    }
  }
}
