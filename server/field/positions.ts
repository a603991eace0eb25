/**
 * Live positions of grid workers. Reports (the worker's phone, the demo's simulator) go into one buffer
 * per process, flushed every FLUSH_MS (or at MAX_BATCH positions) as one INSERT into the day-partitioned
 * worker_position table and one UPDATE of the workers' last positions, then announced to the live map as
 * one batch: never a statement or a notification per position. A crash loses at most the positions of
 * the last flush interval, which the next report replaces anyway.
 */
import { chinaDayOf } from '@/geo/time/china-day';
import { CLOCK_RUNNING_STATES } from '@/geo/incidents/incident-states';
import type { Executor } from '../db';
import { literalList } from '../data/sql';
import { processEmitter } from '../events/process-emitter';

export interface PositionReport {
  workerId: number;
  lon: number;
  lat: number;
  at: Date;
  accuracyM?: number | null;
  source: 'device' | 'simulator';
}

/** A worker as the live map draws them. */
export interface LivePosition {
  workerId: number;
  name: string;
  employment: 'full_time' | 'part_time';
  /** The worker's community code: the scope filter of the live map. */
  communityCode: string;
  lon: number;
  lat: number;
  at: Date;
  onDuty: boolean;
  /** Cases in hand (dispatched or being handled). */
  load: number;
}

export interface PositionBatch {
  seq: number;
  at: Date;
  positions: LivePosition[];
}

const FLUSH_MS = 250;
const MAX_BATCH = 5000;

/** The SQL expression of a worker's cases in hand (aliased w). */
export const workerLoadSql = (w: string) =>
  `(SELECT count(*)::int FROM incident_assignment x JOIN incident xi ON xi.id = x.incident_id
     WHERE x.worker_id = ${w}.id AND x.ended_at IS NULL AND xi.status IN (${literalList(CLOCK_RUNNING_STATES)}))`;

export const positionEvents = () => processEmitter('positions');

/** Makes sure the day partitions for the days of `from`..`to` exist (China days). */
export async function ensurePartitions(db: Executor, from: Date, to: Date): Promise<number> {
  const first = chinaDayOf(from);
  const days = Math.max(1, Math.round((Date.parse(chinaDayOf(to)) - Date.parse(first)) / 86_400_000) + 1);
  const [r] = await db.query<{ made: number }>('SELECT ensure_position_partitions($1::date, $2::int) AS made', [first, days]);
  return r!.made;
}

/** Drops the partitions older than the retention period (whole China days before today - days). */
export async function dropExpiredPartitions(db: Executor, at: Date, retentionDays: number): Promise<number> {
  const keepFrom = chinaDayOf(new Date(at.getTime() - retentionDays * 86_400_000));
  const [r] = await db.query<{ dropped: number }>('SELECT drop_position_partitions_before($1::date) AS dropped', [keepFrom]);
  return r!.dropped;
}

/** Writes one batch: the rows, the workers' last positions (only if newer), and returns them as drawn. */
export async function writePositions(db: Executor, reports: readonly PositionReport[]): Promise<LivePosition[]> {
  if (reports.length === 0) return [];
  const cols = [
    reports.map((r) => r.workerId),
    reports.map((r) => r.at.toISOString()),
    reports.map((r) => r.lon),
    reports.map((r) => r.lat),
    reports.map((r) => r.accuracyM ?? null),
    reports.map((r) => r.source),
  ];
  const insert = () =>
    db.execute(
      `INSERT INTO worker_position (worker_id, at, geom, accuracy_m, source)
       SELECT u.w, u.at, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), u.acc, u.src
         FROM unnest($1::int[], $2::timestamptz[], $3::float8[], $4::float8[], $5::real[], $6::text[]) AS u(w, at, lon, lat, acc, src)
        WHERE EXISTS (SELECT 1 FROM grid_worker g WHERE g.id = u.w)`,
      cols,
    );
  try {
    await insert();
  } catch (e) {
    // A day without its partition yet (the first report after midnight, or a fresh database).
    if ((e as { code?: string }).code !== '23514') throw e;
    for (const day of new Set(reports.map((r) => chinaDayOf(r.at)))) await db.query('SELECT ensure_position_partitions($1::date, 1)', [day]);
    await insert();
  }
  // The latest report of each worker becomes their last known position.
  return db.query<LivePosition>(
    `WITH latest AS (
       SELECT DISTINCT ON (u.w) u.w, u.at, u.lon, u.lat
         FROM unnest($1::int[], $2::timestamptz[], $3::float8[], $4::float8[]) AS u(w, at, lon, lat)
        ORDER BY u.w, u.at DESC)
     UPDATE grid_worker w SET position = ST_SetSRID(ST_MakePoint(l.lon, l.lat), 4326), position_at = l.at
       FROM latest l, community c
      WHERE w.id = l.w AND c.id = w.community_id AND (w.position_at IS NULL OR w.position_at <= l.at)
     RETURNING w.id AS "workerId", w.name, w.employment, c.code AS "communityCode", l.lon, l.lat, l.at, w.on_duty AS "onDuty", ${workerLoadSql('w')} AS load`,
    cols.slice(0, 4),
  );
}

/** The process's position buffer. */
export class PositionBuffer {
  private pending: PositionReport[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> | null = null;
  private seq = 0;
  /** Positions accepted and written, for the benchmark and the health of the simulator. */
  written = 0;

  constructor(
    private readonly db: Executor,
    private readonly onError: (e: unknown) => void = (e) => console.error('[field] writing positions failed:', e),
  ) {}

  add(reports: readonly PositionReport[]): void {
    this.pending.push(...reports);
    if (this.pending.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is pending (one flush at a time; a flush during one follows it). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0, MAX_BATCH);
    this.flushing = (async () => {
      try {
        const positions = await writePositions(this.db, batch);
        this.written += batch.length;
        if (positions.length > 0) positionEvents().emit('batch', { seq: ++this.seq, at: new Date(), positions } satisfies PositionBatch);
      } catch (e) {
        this.onError(e);
      } finally {
        this.flushing = null;
      }
    })();
    await this.flushing;
    if (this.pending.length > 0) this.timer ??= setTimeout(() => void this.flush(), 0);
  }
}

const bufferKey = Symbol.for('gridatlas.positionBuffer');
type GlobalWithBuffer = typeof globalThis & { [bufferKey]?: PositionBuffer };

/** The process's buffer (route bundles share it through globalThis). */
export function positionBuffer(db: Executor): PositionBuffer {
  const g = globalThis as GlobalWithBuffer;
  return (g[bufferKey] ??= new PositionBuffer(db));
}
