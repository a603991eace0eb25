/**
 * The replay's map at a moment, computed in the browser from what command.replay answered: each case's
 * state at the window's start and its state changes in the window (server/incidents/replay.ts). The state
 * at t is the last change at or before t, else the state at the start; null while the case does not
 * exist yet. Pure: no map, no React.
 */
import { INCIDENT_STATES, type IncidentState } from '@/geo/incidents/incident-states';

/** What the replay keeps of a case (the server's ReplayCase, or anything shaped like it). */
export interface ReplayHistory {
  initial: IncidentState | null;
  /** [epoch ms, state entered], oldest first. */
  changes: readonly (readonly [number, IncidentState])[];
}

/** The state of a case at `t` (epoch ms). */
export function stateAt(c: ReplayHistory, t: number): IncidentState | null {
  const ch = c.changes;
  // The last change with at <= t (binary search: a case may change many times in a week).
  let lo = 0;
  let hi = ch.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ch[mid]![0] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? c.initial : ch[lo - 1]![1];
}

/** A state as a small code for typed arrays: 0 = not there (yet), 1 + its index in INCIDENT_STATES. */
export const STATE_CODE: Readonly<Record<IncidentState, number>> = Object.fromEntries(INCIDENT_STATES.map((s, i) => [s, i + 1])) as Record<IncidentState, number>;
export const stateOfCode = (code: number): IncidentState | null => (code === 0 ? null : INCIDENT_STATES[code - 1]!);

/**
 * Writes every case's state code at `t` into `out` (one byte per case, in the cases' order) and returns
 * how many codes changed, so that a caller redraws only when something did.
 */
export function statesAt(cases: readonly ReplayHistory[], t: number, out: Uint8Array): number {
  let changed = 0;
  for (let i = 0; i < cases.length; i++) {
    const s = stateAt(cases[i]!, t);
    const code = s === null ? 0 : STATE_CODE[s];
    if (out[i] !== code) {
      out[i] = code;
      changed++;
    }
  }
  return changed;
}

/** The moments at which anything changes in the window, sorted and distinct (for stepping by event). */
export function changeMoments(cases: readonly ReplayHistory[]): number[] {
  const all: number[] = [];
  for (const c of cases) for (const [at] of c.changes) all.push(at);
  all.sort((a, b) => a - b);
  const out: number[] = [];
  for (const t of all) if (out.length === 0 || out[out.length - 1] !== t) out.push(t);
  return out;
}

/** The replay clock: where the slider is and how fast it plays. */
export interface ReplayClock {
  since: number;
  until: number;
  /** The moment shown. */
  t: number;
  playing: boolean;
  /** Replayed milliseconds per real second. */
  speed: number;
}

/** The speeds offered: one replayed minute, 10 minutes, 30 minutes or an hour per second. */
export const REPLAY_SPEEDS = [60_000, 600_000, 1_800_000, 3_600_000] as const;

/** The clock after `elapsedMs` of real time: playing stops at the end. */
export function advance(clock: ReplayClock, elapsedMs: number): ReplayClock {
  if (!clock.playing) return clock;
  const t = Math.min(clock.until, clock.t + (clock.speed * elapsedMs) / 1000);
  return { ...clock, t, playing: t < clock.until };
}

/** The clock moved to `t`, kept within the window. */
export const seek = (clock: ReplayClock, t: number): ReplayClock => ({ ...clock, t: Math.max(clock.since, Math.min(clock.until, t)) });

/** Play from the start again once the end was reached. */
export const play = (clock: ReplayClock): ReplayClock => ({ ...clock, playing: true, t: clock.t >= clock.until ? clock.since : clock.t });
