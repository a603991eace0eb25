/**
 * The cases shown, between the load and the live feed. The feed is subscribed before the load starts,
 * so nothing that commits meanwhile is missed; its events wait until the last page is in, then apply in
 * order over the pages (each carries its case as it is after the event, so the last word is the newest).
 * After the load every event applies at once: the case is kept when it matches the filters, dropped when
 * it no longer does.
 */
import type { CaseRecord, CaseStore } from './case-store';
import { caseShown, type ResolvedFilters } from './filters';

export interface CaseEvent {
  incident: CaseRecord;
}

export class LiveCases {
  private filters: ResolvedFilters | null = null;
  /** Events that arrived while loading (null once loaded). */
  private pending: CaseEvent[] | null = null;

  constructor(readonly store: CaseStore) {}

  get loading(): boolean {
    return this.pending !== null;
  }

  /** A new load (new filters): the store empties and feed events wait. */
  begin(filters: ResolvedFilters): void {
    this.filters = filters;
    this.pending = [];
    this.store.clear();
    this.store.notify();
  }

  /**
   * A page of the load, into the store without telling its subscribers: the caller shows the pages at its
   * own pace (each redraw of 100,000 cases costs a frame, and a redraw per page slowed the load tenfold).
   */
  page(items: readonly CaseRecord[]): void {
    for (const c of items) this.store.upsert(c);
  }

  /** The last page is in: the events that waited apply now. */
  finish(): void {
    const waiting = this.pending ?? [];
    this.pending = null;
    this.applyNow(waiting);
  }

  feed(events: readonly CaseEvent[]): void {
    if (this.pending) this.pending.push(...events);
    else this.applyNow(events);
  }

  private applyNow(events: readonly CaseEvent[]): void {
    const f = this.filters;
    if (!f) return;
    for (const e of events) this.store.apply(e.incident, (c) => caseShown(f, c));
    this.store.notify();
  }
}
