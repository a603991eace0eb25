/**
 * Barrier layers: lines a re-division should not cross (major roads, rivers, railways), brought in as a
 * GeoJSON file of lines (WGS84) and kept by name. The file is checked whole before anything is stored.
 */
import type { Actor } from '../auth/actor';
import type { Db, Executor } from '../db';
import { PlannerError } from './errors';

export interface BarrierLayer {
  id: number;
  name: string;
  lines: number;
  createdAt: Date;
}

/** Limits of one file: enough for a city's major roads and rivers. */
export const MAX_BARRIER_LINES = 20_000;
export const MAX_BARRIER_VERTICES = 500_000;

type Line = [number, number][];

const isPosition = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' &&
  Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

/** The lines of a GeoJSON text (LineString / MultiLineString features or geometries), or why not. */
export function parseBarrierLines(text: string): { name: string; lines: Line[] }[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new PlannerError('BARRIER_FILE_INVALID', 'JSON');
  }
  const d = doc as { type?: unknown; features?: unknown };
  const features: unknown[] = d?.type === 'FeatureCollection' && Array.isArray(d.features) ? d.features : d?.type === 'Feature' ? [doc] : [{ type: 'Feature', geometry: doc, properties: {} }];
  const out: { name: string; lines: Line[] }[] = [];
  let vertices = 0;
  features.forEach((f, i) => {
    const feature = f as { geometry?: { type?: unknown; coordinates?: unknown }; properties?: Record<string, unknown> | null };
    const g = feature?.geometry;
    const raw = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' && Array.isArray(g.coordinates) ? g.coordinates : null;
    if (!raw) throw new PlannerError('BARRIER_FILE_INVALID', `#${i + 1}`);
    const lines = raw.map((line) => {
      if (!Array.isArray(line) || line.length < 2 || !line.every(isPosition)) throw new PlannerError('BARRIER_FILE_INVALID', `#${i + 1}`);
      vertices += line.length;
      return line.map((p) => [p[0], p[1]] as [number, number]);
    });
    const name = String(feature.properties?.name ?? feature.properties?.NAME ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
    out.push({ name, lines });
  });
  if (out.length === 0 || out.length > MAX_BARRIER_LINES || vertices > MAX_BARRIER_VERTICES) {
    throw new PlannerError('BARRIER_FILE_INVALID', `${out.length} / ${MAX_BARRIER_LINES}, ${vertices} / ${MAX_BARRIER_VERTICES}`);
  }
  return out;
}

export async function listBarrierLayers(db: Executor): Promise<BarrierLayer[]> {
  const rows = await db.query<{ id: number; name: string; lines: number; created_at: Date }>(
    `SELECT l.id, l.name, (SELECT count(*)::int FROM barrier_line b WHERE b.layer_id = l.id) AS lines, l.created_at FROM barrier_layer l ORDER BY l.name, l.id`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, lines: r.lines, createdAt: r.created_at }));
}

/** Stores a layer and its lines in one transaction. */
export async function importBarrierLayer(db: Db | Executor, actor: Actor, name: string, text: string): Promise<BarrierLayer> {
  const features = parseBarrierLines(text);
  return db.transaction(async (tx) => {
    const [layer] = await tx.query<{ id: number; created_at: Date }>(`INSERT INTO barrier_layer (name, created_by) VALUES ($1, $2) RETURNING id, created_at`, [name, actor.userId]);
    await tx.execute(
      `INSERT INTO barrier_line (layer_id, name, geom)
       SELECT $1, t.name, ST_SetSRID(ST_GeomFromGeoJSON(t.geom), 4326) FROM unnest($2::text[], $3::text[]) AS t (name, geom)`,
      [layer!.id, features.map((f) => f.name), features.map((f) => JSON.stringify({ type: 'MultiLineString', coordinates: f.lines }))],
    );
    return { id: layer!.id, name, lines: features.length, createdAt: layer!.created_at };
  });
}
