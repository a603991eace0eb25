/**
 * Grid workers on the command map: where each is now and the path they took over the last 30 minutes,
 * from field.positions (a subscription: a snapshot of the workers in scope, then batches of moves) and
 * field.trails (the recent paths, server/field/tracks.ts). Each move seen extends a trail, so the paths
 * stay current between two reads of field.trails.
 */
import type { LivePosition } from '@/server/field/positions';
import type { Trail } from '@/server/field/tracks';

export type Employment = LivePosition['employment'];

/** A worker as the map draws them. */
export interface WorkerDot {
  workerId: number;
  name: string;
  employment: Employment;
  lon: number;
  lat: number;
  at: Date;
  onDuty: boolean;
  /** Cases in hand (dispatched or being handled). */
  load: number;
}

export interface TrailPath {
  workerId: number;
  onDuty: boolean | null;
  /** [lon, lat] oldest first. */
  path: [number, number][];
}

/** Trails are drawn from street zoom on. */
export const TRAILS_MIN_ZOOM = 13;

/** The trails drawn: the last 30 minutes. */
export const TRAIL_WINDOW_MS = 30 * 60_000;

export const dotOf = (p: Pick<LivePosition, 'workerId' | 'name' | 'employment' | 'lon' | 'lat' | 'at' | 'onDuty' | 'load'>): WorkerDot => ({
  workerId: p.workerId, name: p.name, employment: p.employment, lon: p.lon, lat: p.lat, at: p.at, onDuty: p.onDuty, load: p.load,
});

export class WorkerTracks {
  private dots = new Map<number, WorkerDot>();
  private trails = new Map<number, [number, number, number][]>();
  version = 0;
  private cache: { version: number; dots: WorkerDot[]; paths: TrailPath[] } | null = null;

  /**
   * Positions now: a snapshot replaces every worker (those gone left the scope), a batch moves the
   * workers it names. Each move extends the worker's trail.
   */
  apply(dots: readonly WorkerDot[], snapshot: boolean, now: number): void {
    if (snapshot) {
      const keep = new Set(dots.map((d) => d.workerId));
      for (const id of [...this.dots.keys()]) if (!keep.has(id)) this.dots.delete(id);
      for (const id of [...this.trails.keys()]) if (!keep.has(id)) this.trails.delete(id);
    }
    for (const d of dots) {
      this.dots.set(d.workerId, d);
      const at = d.at.getTime();
      const trail = this.trails.get(d.workerId) ?? [];
      const last = trail[trail.length - 1];
      if (!last || (at > last[2] && (last[0] !== d.lon || last[1] !== d.lat))) trail.push([d.lon, d.lat, at]);
      this.trails.set(d.workerId, trail);
    }
    this.prune(now);
    this.version++;
  }

  /**
   * The recent paths as the server keeps them (field.trails): each replaces what the browser gathered
   * up to its last point, keeping the moves seen since.
   */
  seedTrails(trails: readonly Trail[], now: number): void {
    for (const t of trails) {
      const path = [...t.path].sort((a, b) => a[2] - b[2]);
      const until = path[path.length - 1]?.[2] ?? Number.NEGATIVE_INFINITY;
      const later = (this.trails.get(t.workerId) ?? []).filter((p) => p[2] > until);
      this.trails.set(t.workerId, [...path, ...later]);
    }
    this.prune(now);
    this.version++;
  }

  /** Drops the trail points older than the window. */
  prune(now: number): void {
    const from = now - TRAIL_WINDOW_MS;
    for (const [id, trail] of this.trails) {
      let k = 0;
      while (k < trail.length && trail[k]![2] < from) k++;
      if (k > 0) {
        trail.splice(0, k);
        this.version++;
      }
      if (trail.length === 0) this.trails.delete(id);
    }
  }

  /** The workers and their trails (of two points or more), rebuilt only when something changed. */
  view(): { dots: WorkerDot[]; paths: TrailPath[] } {
    if (this.cache?.version !== this.version) {
      const paths: TrailPath[] = [];
      for (const [workerId, trail] of this.trails) {
        if (trail.length < 2) continue;
        paths.push({ workerId, onDuty: this.dots.get(workerId)?.onDuty ?? null, path: trail.map(([lon, lat]) => [lon, lat]) });
      }
      this.cache = { version: this.version, dots: [...this.dots.values()], paths };
    }
    return this.cache;
  }
}

/** The most workers the picker lists at once: past this, the name filter narrows (a select of 10,000 is no help). */
export const WORKER_CHOICES_SHOWN = 200;
const byName = new Intl.Collator('zh-CN');

/**
 * The workers loaded whose name holds the query (any case), by name in the Chinese collation: the first
 * `limit` of them, and how many match. One collator serves every comparison (localeCompare with a locale
 * may set one up per call, and 10,000 names take over 100,000 comparisons on each batch of positions).
 */
export function workerChoices(dots: readonly WorkerDot[], query: string, limit = WORKER_CHOICES_SHOWN): { shown: WorkerDot[]; matches: number } {
  const q = query.trim().toLocaleLowerCase('zh-CN');
  const matching = dots
    .filter((d) => q === '' || d.name.toLocaleLowerCase('zh-CN').includes(q))
    .sort((a, b) => byName.compare(a.name, b.name) || a.workerId - b.workerId);
  return { shown: matching.slice(0, limit), matches: matching.length };
}
