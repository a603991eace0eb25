/**
 * Key-site inspections overdue (巡查逾期) on the command centre: the sites of the viewer's scope whose
 * inspection is overdue (field.inspectionsDue, server/field/inspections.ts), how many days each is
 * overdue, in the order the list shows them (the phone's order, app/report/inspection-form.ts: never
 * inspected first, then the longest overdue).
 */
import { orderInspections } from '@/app/report/inspection-form';
import { chinaDayOf } from '@/geo/time/china-day';
import type { InspectionDue } from '@/server/field/inspections';

/** The list and the map ring follow the server this often. */
export const INSPECTIONS_REFRESH_MS = 60_000;
/** The most sites read at once (the most overdue: the server sorts before it cuts). */
export const INSPECTIONS_LIMIT = 2000;

/**
 * Days overdue, counted in China calendar days from the day the inspection fell due (a site due earlier
 * today counts one); 0 when not yet due; null for a site never inspected (overdue with no due day).
 */
export function daysOverdue(dueAt: Date | null, now: Date): number | null {
  if (dueAt === null) return null;
  if (dueAt.getTime() >= now.getTime()) return 0;
  const days = Math.round((Date.parse(chinaDayOf(now)) - Date.parse(chinaDayOf(dueAt))) / 86_400_000);
  return Math.max(1, days);
}

export interface OverdueSite extends InspectionDue {
  /** Null: never inspected. */
  daysOverdue: number | null;
}

/** The overdue sites (any not overdue is left out), never inspected first, then the longest overdue. */
export function overdueSites(items: readonly InspectionDue[], now: Date): OverdueSite[] {
  return orderInspections(items.filter((s) => s.overdue)).map((s) => ({ ...s, daysOverdue: daysOverdue(s.dueAt, now) }));
}
