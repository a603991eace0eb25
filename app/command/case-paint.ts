/**
 * How the command map draws a case: its phase's colour (app/map/palette.ts, the same as the home map and
 * its legend), overdue cases larger with a red ring, closed ones small and faint, and its weight in the
 * density view (geo/incidents/incident-states.ts CLOSED_WORKLOAD_WEIGHT). Pure, so that the live store
 * and the replay paint alike.
 */
import { CLOSED_WORKLOAD_WEIGHT, INCIDENT_RULES, type IncidentPhase, type IncidentState } from '@/geo/incidents/incident-states';
import { INCIDENT_OVERDUE_RING, INCIDENT_PHASE_COLOURS } from '@/app/map/palette';

export type Rgba = [number, number, number, number];

/** '#rrggbb' as [r, g, b]. */
export function hexRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export const PHASE_RGB: Readonly<Record<IncidentPhase, [number, number, number]>> = {
  open: hexRgb(INCIDENT_PHASE_COLOURS.open),
  handled: hexRgb(INCIDENT_PHASE_COLOURS.handled),
  closed: hexRgb(INCIDENT_PHASE_COLOURS.closed),
};
export const OVERDUE_RGB = hexRgb(INCIDENT_OVERDUE_RING);

export interface CasePaint {
  fill: Rgba;
  line: Rgba;
  /** Pixels. */
  radius: number;
  /** Pixels. */
  lineWidth: number;
  /** The case's weight in the density view. */
  weight: number;
}

/** Radii in pixels: an overdue case is twice an open one, so it stands out at any zoom. */
export const CASE_RADIUS = { open: 4.5, closed: 3, overdue: 8 } as const;

export function paintCase(status: IncidentState, overdue: boolean): CasePaint {
  const phase = INCIDENT_RULES[status].phase;
  const closed = phase === 'closed';
  const fill: Rgba = [...PHASE_RGB[phase], closed ? 140 : 235];
  if (overdue && !closed) return { fill, line: [...OVERDUE_RGB, 255], radius: CASE_RADIUS.overdue, lineWidth: 3, weight: 1 };
  return {
    fill,
    line: [255, 255, 255, closed ? 120 : 220],
    radius: closed ? CASE_RADIUS.closed : CASE_RADIUS.open,
    lineWidth: 1,
    weight: closed ? CLOSED_WORKLOAD_WEIGHT : 1,
  };
}

/** A case not there at the moment replayed: drawn as nothing (and weighs nothing). */
export const ABSENT: CasePaint = { fill: [0, 0, 0, 0], line: [0, 0, 0, 0], radius: 0, lineWidth: 0, weight: 0 };
