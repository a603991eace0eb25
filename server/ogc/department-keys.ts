/**
 * Department read keys for the open data: an administrator of the city issues one to a department's
 * system, naming the collections it opens and the restricted fields it may read there; the key is shown
 * once, only its SHA-256 is kept. A request presenting a key (X-GridAtlas-Key) is counted and logged, and
 * a revoked key is refused at its next request. Without a key only the public fields are served.
 */
import { API_KEY_PREFIX_LENGTH, hashApiKey, isPlausibleApiKey, newApiKey } from '../auth/api-keys';
import type { Executor } from '../db';
import { COLLECTIONS, collectionById } from './collections';
import { OgcError } from './errors';

/** What a request may read beyond the public fields: 'collection.field' of restricted fields. */
export interface OgcAccess {
  keyId: number | null;
  fields: ReadonlySet<string>;
}

export const PUBLIC_ACCESS: OgcAccess = { keyId: null, fields: new Set() };

export interface DepartmentKeyRow {
  id: number;
  name: string;
  departmentCode: string;
  prefix: string;
  collections: string[];
  fields: string[];
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  requestCount: number;
}

/** The restricted fields of each collection, for the administrator's form. */
export function restrictedFields(): { collection: string; fields: string[] }[] {
  return COLLECTIONS.map((c) => ({ collection: c.id, fields: Object.entries(c.properties).flatMap(([name, p]) => (p.restricted ? [name] : [])) }));
}

export async function listDepartmentKeys(db: Executor): Promise<DepartmentKeyRow[]> {
  const rows = await db.query<{
    id: number; name: string; department_code: string; key_prefix: string; collections: string[]; fields: string[];
    created_at: Date; revoked_at: Date | null; last_used_at: Date | null; request_count: string | number;
  }>('SELECT id, name, department_code, key_prefix, collections, fields, created_at, revoked_at, last_used_at, request_count FROM department_key ORDER BY id');
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    departmentCode: r.department_code,
    prefix: r.key_prefix,
    collections: r.collections,
    fields: r.fields,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
    requestCount: Number(r.request_count),
  }));
}

export interface DepartmentKeyInput {
  name: string;
  departmentCode: string;
  collections: string[];
  /** 'collection.field', each a restricted field of one of `collections`. */
  fields: string[];
}

export async function issueDepartmentKey(db: Executor, by: { userId: number | null }, input: DepartmentKeyInput, at: Date): Promise<{ id: number; key: string }> {
  const collections = [...new Set(input.collections)];
  for (const id of collections) if (!collectionById(id)) throw new OgcError('KEY_COLLECTION_UNKNOWN', id.slice(0, 40));
  const fields = [...new Set(input.fields)];
  for (const f of fields) {
    const [collection = '', field = ''] = f.split('.');
    if (!collections.includes(collection) || !collectionById(collection)?.properties[field]?.restricted) throw new OgcError('KEY_FIELD_UNKNOWN', f.slice(0, 60));
  }
  const [department] = await db.query<{ code: string }>('SELECT code FROM department WHERE code = $1', [input.departmentCode]);
  if (!department) throw new OgcError('DEPARTMENT_UNKNOWN', input.departmentCode.slice(0, 40));
  const key = newApiKey();
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO department_key (name, department_code, key_prefix, key_sha256, collections, fields, created_by_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [input.name, department.code, key.slice(0, API_KEY_PREFIX_LENGTH), hashApiKey(key), collections, fields, by.userId, at],
  );
  return { id: row!.id, key };
}

export async function revokeDepartmentKey(db: Executor, id: number, at: Date): Promise<void> {
  const n = await db.execute('UPDATE department_key SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1', [id, at]);
  if (n === 0) throw new OgcError('KEY_NOT_FOUND', String(id));
}

/**
 * What a presented key opens, if it is live; its use is counted. A key that is not live is refused, not
 * taken as no key: a department whose key was revoked must learn so, not quietly get less.
 */
export async function accessOfKey(db: Executor, key: string, at: Date): Promise<OgcAccess> {
  const [row] = isPlausibleApiKey(key)
    ? await db.query<{ id: number; fields: string[] }>(
        `UPDATE department_key SET last_used_at = $2, request_count = request_count + 1
          WHERE key_sha256 = $1 AND revoked_at IS NULL RETURNING id, fields`,
        [hashApiKey(key), at],
      )
    : [];
  if (!row) throw new OgcError('KEY_INVALID');
  return { keyId: row.id, fields: new Set(row.fields) };
}

/** The log line of one request made with a key. */
export async function logKeyUse(db: Executor, keyId: number, at: Date, request: string, status: number): Promise<void> {
  await db.execute('INSERT INTO department_key_use (key_id, at, request, status) VALUES ($1, $2, $3, $4)', [keyId, at, request.slice(0, 500), status]);
}

export interface KeyUse {
  at: Date;
  request: string;
  status: number;
}

/** A key's latest requests, newest first. */
export async function keyUses(db: Executor, id: number, limit: number): Promise<KeyUse[]> {
  const [key] = await db.query<{ id: number }>('SELECT id FROM department_key WHERE id = $1', [id]);
  if (!key) throw new OgcError('KEY_NOT_FOUND', String(id));
  return db.query<KeyUse>('SELECT at, request, status FROM department_key_use WHERE key_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [id, limit]);
}
