/**
 * The replay drawn: the window's cases in typed arrays (point-buffers.ts), repainted for the moment on
 * the slider from each case's state then (replay-state.ts), with the open cases per grid at that moment
 * for the grid shading. A case not reported yet is drawn as nothing. Overdue and escalation are today's
 * facts, not the replay's: the replay shows states only.
 */
import { isClosed, type IncidentState } from '@/geo/incidents/incident-states';
import { ABSENT, paintCase } from './case-paint';
import { PointBuffers, type BinaryPoints } from './point-buffers';
import { stateOfCode, statesAt, type ReplayHistory } from './replay-state';

/** A case of command.replay's answer (server/incidents/replay.ts ReplayCase). */
export interface ReplayCaseLike extends ReplayHistory {
  id: number;
  code: string;
  category: string;
  gridCode: string | null;
  point: [number, number];
}

export class ReplayScene {
  readonly points = new PointBuffers();
  private readonly codes: Uint8Array;
  private shownAt: number | null = null;
  private counts = new Map<string, number>();

  constructor(readonly cases: readonly ReplayCaseLike[]) {
    this.points.reserve(cases.length);
    this.points.length = cases.length;
    this.codes = new Uint8Array(cases.length);
    cases.forEach((c, i) => {
      this.points.setPosition(i, c.point[0], c.point[1]);
      this.points.setPaint(i, ABSENT);
    });
  }

  /** Repaints for moment `t` (epoch ms); true when anything changed. */
  showAt(t: number): boolean {
    if (this.shownAt === t) return false;
    this.shownAt = t;
    const before = this.codes.slice();
    if (statesAt(this.cases, t, this.codes) === 0) return false;
    const counts = new Map<string, number>();
    for (let i = 0; i < this.cases.length; i++) {
      const state = stateOfCode(this.codes[i]!);
      if (this.codes[i] !== before[i]) this.points.setPaint(i, state ? paintCase(state, false) : ABSENT);
      const grid = this.cases[i]!.gridCode;
      if (state && grid && !isClosed(state)) counts.set(grid, (counts.get(grid) ?? 0) + 1);
    }
    this.counts = counts;
    return true;
  }

  binaryData(): BinaryPoints {
    return this.points.binaryData();
  }

  /** The case drawn in slot `index`. */
  idAt(index: number): number | undefined {
    return this.cases[index]?.id;
  }

  stateOf(index: number): IncidentState | null {
    return stateOfCode(this.codes[index] ?? 0);
  }

  openCountsByGrid(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** How many cases exist (are reported and not yet gone from the window) at the moment shown, by phase. */
  tally(): { open: number; closed: number } {
    let open = 0;
    let closed = 0;
    for (const code of this.codes) {
      const s = stateOfCode(code);
      if (!s) continue;
      if (isClosed(s)) closed++;
      else open++;
    }
    return { open, closed };
  }
}
