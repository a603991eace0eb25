/**
 * The features of a collection as GeoJSON: a page of items (bbox, datetime, property filters, limit and
 * offset, in a stable order by id) with the number matched, or one item by id. The moment of the
 * request is $1 in every collection's SQL: the grids in force then (or at datetime, where the
 * collection reads it so), and the grid an address lies in then.
 */
import type { Executor } from '../db';
import { visibleProperties, type CollectionDef } from './collections';
import type { DateTimeFilter, ItemsQuery } from './query';

export interface OgcFeature {
  id: string;
  /** The GeoJSON geometry as PostGIS wrote it: written out as it is (featureJson), never parsed. */
  geometry: string | null;
  properties: Record<string, string | number | null>;
}

/**
 * A feature as GeoJSON text, with extra members (its links): the geometry spliced in as PostGIS wrote
 * it, since parsing and writing again 10,000 geometries was a third of a page's time.
 */
export function featureJson(f: OgcFeature, extra: Record<string, unknown> = {}): string {
  const rest = Object.entries(extra).map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`).join('');
  return `{"type":"Feature","id":${JSON.stringify(f.id)},"geometry":${f.geometry ?? 'null'},"properties":${JSON.stringify(f.properties)}${rest}}`;
}

export interface FeaturePage {
  features: OgcFeature[];
  numberMatched: number;
}

/** Coordinates to 1e-7° (about 1 cm), the territory's own precision. */
const DIGITS = 7;

/** Binds the moment ($1) with its type, whether or not the collection's SQL reads it. */
const MOMENT = 'WITH request AS (SELECT $1::timestamptz AS at)';

/** The columns of the inner query: the id, the shape and the properties that are not late. */
function innerList(c: CollectionDef, fields: ReadonlySet<string>): string {
  const props = visibleProperties(c, fields).flatMap(([name, p]) => (p.late ? [] : [`${p.sql} AS "${name}"`]));
  return [`${c.idSql} AS fid`, 't.geom', ...props].join(', ');
}

/** The page's rows (inner, aliased `t`) with their GeoJSON and the late properties computed on them. */
function outerList(c: CollectionDef, fields: ReadonlySet<string>): string {
  const props = visibleProperties(c, fields).map(([name, p]) => (p.late ? `${p.sql} AS "${name}"` : `t."${name}"`));
  return [`t.fid`, `ST_AsGeoJSON(t.geom, ${DIGITS}) AS geometry`, ...props].join(', ');
}

/** The moment the collection is read at: datetime's instant where it picks the grids, else now. */
export function momentOf(c: CollectionDef, datetime: DateTimeFilter | null, now: Date): Date {
  return c.temporal?.kind === 'in_force' && datetime?.kind === 'instant' ? datetime.at : now;
}

function whereOf(c: CollectionDef, q: ItemsQuery, params: unknown[]): string {
  const where: string[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.bbox) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    const box = (x0: number, x1: number) => `ST_MakeEnvelope(${bind(x0)}::float8, ${bind(minLat)}::float8, ${bind(x1)}::float8, ${bind(maxLat)}::float8, 4326)`;
    const hit = (env: string) => `(t.geom && ${env} AND ST_Intersects(t.geom, ${env}))`;
    // A box across the antimeridian is two boxes.
    where.push(minLon <= maxLon ? hit(box(minLon, maxLon)) : `(${hit(box(minLon, 180))} OR ${hit(box(-180, maxLon))})`);
  }
  if (q.datetime && c.temporal?.kind === 'timestamp') {
    const t = c.temporal.sql;
    if (q.datetime.kind === 'instant') where.push(`${t} = ${bind(q.datetime.at)}::timestamptz`);
    else {
      if (q.datetime.from) where.push(`${t} >= ${bind(q.datetime.from)}::timestamptz`);
      if (q.datetime.to) where.push(`${t} <= ${bind(q.datetime.to)}::timestamptz`);
    }
  }
  for (const [name, value] of q.filters) {
    const p = c.properties[name]!;
    const v = `${bind(value)}::text`;
    where.push(p.filterSql ? p.filterSql(v) : `(${p.sql})::text = ${v}`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

const featureOf = (row: { fid: string; geometry: string | null } & Record<string, unknown>, c: CollectionDef, fields: ReadonlySet<string>): OgcFeature => {
  const properties: OgcFeature['properties'] = {};
  for (const [name, p] of visibleProperties(c, fields)) {
    const v = row[name];
    properties[name] = v == null ? null : p.type === 'datetime' ? (v as Date).toISOString() : p.type === 'string' ? String(v).trimEnd() : Number(v);
  }
  return { id: row.fid.trimEnd(), geometry: row.geometry, properties };
};

/** The selection's features, limit and offset applied; `fields`: the restricted fields the request's key may read ('collection.field'). */
export async function featureRows(db: Executor, c: CollectionDef, q: ItemsQuery, at: Date, fields: ReadonlySet<string>): Promise<OgcFeature[]> {
  const params: unknown[] = [at];
  const where = whereOf(c, q, params);
  params.push(q.limit, q.offset);
  const rows = await db.query<{ fid: string; geometry: string | null }>(
    `${MOMENT} SELECT ${outerList(c, fields)}
       FROM (SELECT ${innerList(c, fields)} FROM ${c.from} ${where} ORDER BY ${c.idSql} LIMIT $${params.length - 1}::int OFFSET $${params.length}::int) t
      ORDER BY t.fid`,
    params,
  );
  return rows.map((r) => featureOf(r, c, fields));
}

/** A page of items and how many the selection holds (the two queries at once). */
export async function featurePage(db: Executor, c: CollectionDef, q: ItemsQuery, at: Date, fields: ReadonlySet<string>): Promise<FeaturePage> {
  const countParams: unknown[] = [at];
  const where = whereOf(c, q, countParams);
  const [features, [count]] = await Promise.all([
    featureRows(db, c, q, at, fields),
    db.query<{ n: number }>(`${MOMENT} SELECT count(*)::int AS n FROM ${c.from} ${where}`, countParams),
  ]);
  return { features, numberMatched: count!.n };
}

export async function featureById(db: Executor, c: CollectionDef, id: string, at: Date, fields: ReadonlySet<string>): Promise<OgcFeature | null> {
  if (!c.idPattern.test(id)) return null;
  const [row] = await db.query<{ fid: string; geometry: string | null }>(
    `${MOMENT} SELECT ${outerList(c, fields)} FROM (SELECT ${innerList(c, fields)} FROM ${c.from} WHERE ${c.idSql} = $2 LIMIT 1) t`, [at, id]);
  return row ? featureOf(row, c, fields) : null;
}
