/**
 * The bulk import of standard addresses (标准地址批量导入). The rows a file reader passed
 * (server/interchange/read-address-file.ts) go to a staging table in one transaction; the database then
 * says for each where it lies: its community (which must be in the importer's jurisdiction, and match
 * the community an address code names) and the grid in force that holds it (地址关联; an address in no
 * grid is still written, and listed, since the gap is the grids' to close). A row with a code already
 * stored updates that address; a row without one gets its community's next code.
 *
 * All or nothing: one rejected row and nothing is written, the report says which rows and why. A check
 * (`mode: 'check'`) does everything but the writing. One import runs at a time (an advisory lock), so two
 * files of one community never hand out the same new code.
 */
import { convertPosition, type Crs } from '@/geo/interchange/gcj02';
import type { LocalizedText } from '@/geo/text/localized-text';
import type { Executor } from '../db';
import { scopePatterns, type Scope } from '../auth/policy';
import type { AddressFileRead, RowRejection } from '../interchange/read-address-file';
import { bumpDataVersion } from '../tiles/tile-service';
import { AddressImportError, ROW_REJECTIONS, type RowRejectionCode } from './errors';

export const ADDRESS_IMPORT_LIMITS = {
  /** A CSV is streamed: a million rows of long Chinese addresses are about 150 MB. */
  csvMaxBytes: 256 * 1024 * 1024,
  /** A GeoJSON file is parsed whole, at several times its size in memory. */
  geojsonMaxBytes: 100 * 1024 * 1024,
  maxRows: 1_000_000,
} as const;

/** Rows listed in a report (each list); the counts are always whole. */
export const REPORT_ROWS = 1000;
/** Rows sent to the staging table per statement. */
const STAGE_BATCH = 20_000;
/** Above this many moved or new points, the grids' loads are recomputed for every grid, not grid by grid. */
const FULL_LOAD_REFRESH = 50_000;
/** Any constant the app's other advisory locks do not use: "one address import at a time". */
const IMPORT_LOCK = 0x0a_dd_0021;

export type ImportMode = 'check' | 'import';
export type ImportPhase = 'placing' | 'linking' | 'writing';
export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ReportedRejection {
  row: number;
  reason: RowRejectionCode;
  message: LocalizedText;
  value?: string;
}

export interface AddressImportReport {
  /** No row rejected (a check that found nothing wrong, or an import that was written). */
  ok: boolean;
  written: boolean;
  importId: number | null;
  mode: ImportMode;
  fileName: string;
  format: AddressFileRead['format'];
  encoding: AddressFileRead['encoding'];
  crs: Crs;
  rowsRead: number;
  created: number;
  updated: number;
  /** Rows whose code is stored with the same values: nothing to change. */
  unchanged: number;
  linked: number;
  unlinked: number;
  rejected: number;
  rejectedByReason: Partial<Record<RowRejectionCode, number>>;
  /** The first REPORT_ROWS rejected rows, in file order. */
  rejections: ReportedRejection[];
  /** The first REPORT_ROWS rows taken that lie in no grid in force. */
  unlinkedRows: { row: number; code: string; address: string; community: string }[];
  ignoredColumns: string[];
  tookMs: number;
}

export interface ImportRequest {
  mode: ImportMode;
  crs: Crs;
  fileName: string;
  /** Who imports, and where the capability reaches. */
  by: { userId: number };
  scope: Scope;
}

/** Thrown inside the transaction to roll it back with the report in hand (a check, or rejected rows). */
class RollBack extends Error {
  constructor(readonly report: AddressImportReport) {
    super('roll back');
  }
}

const reported = (r: RowRejection): ReportedRejection => ({ ...r, message: ROW_REJECTIONS[r.reason] });

/** The file's rows as they are, in a temporary table with a spatial index for the placing to come. */
async function stage(tx: Executor, read: AddressFileRead, crs: Crs, progress: (p: ImportProgress) => void): Promise<void> {
  await tx.execute(
    `CREATE TEMP TABLE staged_row (
       row            int NOT NULL,
       code           text,
       address        text NOT NULL,
       building_type  text NOT NULL,
       households     int NOT NULL,
       residents      int NOT NULL,
       geom           geometry(Point, 4326) NOT NULL
     ) ON COMMIT DROP`,
    [],
  );
  const c = read.columns;
  const total = c.row.length;
  for (let i = 0; i < total; i += STAGE_BATCH) {
    const end = Math.min(total, i + STAGE_BATCH);
    let lon = c.lon.slice(i, end);
    let lat = c.lat.slice(i, end);
    if (crs !== 'wgs84') {
      const converted = lon.map((x, k) => convertPosition([x, lat[k]!], crs, 'wgs84'));
      lon = converted.map((p) => p[0]!);
      lat = converted.map((p) => p[1]!);
    }
    await tx.execute(
      `INSERT INTO staged_row (row, code, address, building_type, households, residents, geom)
       SELECT r, c, a, t, h, p, ST_SetSRID(ST_MakePoint(x, y), 4326)
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::float8[], $8::float8[]) AS u(r, c, a, t, h, p, x, y)`,
      [c.row.slice(i, end), c.code.slice(i, end), c.address.slice(i, end), c.buildingType.slice(i, end), c.households.slice(i, end), c.residents.slice(i, end), lon, lat],
    );
    progress({ phase: 'placing', done: end, total });
  }
  await tx.execute('CREATE INDEX ON staged_row USING gist (geom)', []);
  await tx.execute('ANALYZE staged_row', []);
}

/**
 * Each staged row with its community, the rule that rejects it (if any), the address its code already
 * names, its new code, and (地址关联) the grid in force at `at` that holds it: one statement that writes
 * a new table. Row by row UPDATEs of the staged table would rewrite every row and its spatial index
 * entry once per step; on a million rows that cost more than all the spatial work.
 */
async function placeAndLink(tx: Executor, scope: Scope, at: Date): Promise<void> {
  await tx.execute(
    `CREATE TEMP TABLE staged_address ON COMMIT DROP AS
     WITH
       -- From the polygons' side, so that each community's and grid's polygon is prepared once for all its points.
       in_community AS (
         SELECT DISTINCT ON (s.row) s.row, c.id, c.code
           FROM community c JOIN staged_row s ON s.geom && c.geom AND ST_Covers(c.geom, s.geom)
          ORDER BY s.row, c.id),
       in_grid AS (
         SELECT DISTINCT ON (s.row) s.row, g.code
           FROM grids_in_force($2) g JOIN staged_row s ON s.geom && g.geom AND ST_Covers(g.geom, s.geom)
          ORDER BY s.row, g.code),
       placed AS (
         SELECT s.*, ic.id AS community_id, ic.code AS community_code, ig.code AS found_grid_code,
                CASE WHEN ic.id IS NULL THEN 'OUTSIDE_CITY'
                     WHEN NOT ($1::text[] IS NULL OR ic.code LIKE ANY ($1::text[])) THEN 'OUTSIDE_JURISDICTION'
                     WHEN s.code IS NOT NULL AND left(s.code, 12) <> ic.code THEN 'CODE_COMMUNITY_MISMATCH' END AS placed_reject
           FROM staged_row s LEFT JOIN in_community ic USING (row) LEFT JOIN in_grid ig USING (row)),
       -- New codes continue each community's numbers: after the highest stored and the highest in the file.
       stored AS (
         SELECT a.community_id, max(right(a.code, 6)::int) AS seq
           FROM standard_address a
          WHERE a.community_id IN (SELECT community_id FROM placed WHERE code IS NULL AND placed_reject IS NULL)
          GROUP BY a.community_id),
       filed AS (
         SELECT community_id, max(right(code, 6)::int) AS seq
           FROM placed WHERE code IS NOT NULL AND placed_reject IS NULL
          GROUP BY community_id),
       numbered AS (
         SELECT p.*,
                CASE WHEN p.code IS NULL AND p.placed_reject IS NULL
                     THEN greatest(coalesce(st.seq, 0), coalesce(fi.seq, 0))
                          + row_number() OVER (PARTITION BY p.community_id, (p.code IS NULL AND p.placed_reject IS NULL) ORDER BY p.row) END AS seq
           FROM placed p LEFT JOIN stored st USING (community_id) LEFT JOIN filed fi USING (community_id)),
       decided AS (
         SELECT n.*,
                CASE WHEN n.seq IS NULL THEN n.code WHEN n.seq <= 999999 THEN n.community_code || lpad(n.seq::text, 6, '0') END AS final_code,
                coalesce(n.placed_reject, CASE WHEN n.seq > 999999 THEN 'COMMUNITY_FULL' END) AS final_reject
           FROM numbered n)
     SELECT d.row, d.final_code AS code, d.address, d.building_type, d.households, d.residents, d.geom,
            d.community_id, d.community_code, d.final_reject AS reject,
            a.id AS existing_id,
            (a.id IS NULL OR (a.address, a.building_type, a.households, a.residents, a.community_id, ST_AsEWKB(a.geom))
                             IS DISTINCT FROM (d.address, d.building_type, d.households, d.residents, d.community_id, ST_AsEWKB(d.geom))) AS changed,
            CASE WHEN d.final_reject IS NULL THEN d.found_grid_code END AS grid_code
       FROM decided d
       -- A code given in the file names the stored address it updates (a new code names none).
       LEFT JOIN standard_address a ON a.code = d.code AND d.seq IS NULL AND d.final_reject IS NULL`,
    [scopePatterns(scope), at],
  );
  await tx.execute('ALTER TABLE staged_address ADD PRIMARY KEY (row)', []);
  await tx.execute('ANALYZE staged_address', []);
}

async function tally(tx: Executor, read: AddressFileRead, req: ImportRequest, startedAt: number): Promise<AddressImportReport> {
  const [n] = await tx.query<{ created: number; updated: number; unchanged: number; linked: number; unlinked: number }>(
    `SELECT count(*) FILTER (WHERE existing_id IS NULL)::int AS created,
            count(*) FILTER (WHERE existing_id IS NOT NULL AND changed)::int AS updated,
            count(*) FILTER (WHERE existing_id IS NOT NULL AND NOT changed)::int AS unchanged,
            count(grid_code)::int AS linked,
            count(*) FILTER (WHERE grid_code IS NULL)::int AS unlinked
       FROM staged_address WHERE reject IS NULL`,
    [],
  );
  const byReason = await tx.query<{ reason: RowRejectionCode; n: number }>(
    'SELECT reject AS reason, count(*)::int AS n FROM staged_address WHERE reject IS NOT NULL GROUP BY reject',
    [],
  );
  const placedRejections = await tx.query<{ row: number; reason: RowRejectionCode; code: string | null; community_code: string | null }>(
    `SELECT row, reject AS reason, code, community_code FROM staged_address WHERE reject IS NOT NULL ORDER BY row LIMIT ${REPORT_ROWS}`,
    [],
  );
  const unlinkedRows = await tx.query<{ row: number; code: string; address: string; community: string }>(
    `SELECT s.row, s.code, s.address, c.name AS community
       FROM staged_address s JOIN community c ON c.id = s.community_id
      WHERE s.reject IS NULL AND s.grid_code IS NULL ORDER BY s.row LIMIT ${REPORT_ROWS}`,
    [],
  );
  const rejectedByReason: Partial<Record<RowRejectionCode, number>> = {};
  for (const r of read.rejections) rejectedByReason[r.reason] = (rejectedByReason[r.reason] ?? 0) + 1;
  for (const r of byReason) rejectedByReason[r.reason] = (rejectedByReason[r.reason] ?? 0) + r.n;
  const placed: RowRejection[] = placedRejections.map((r) => ({
    row: r.row,
    reason: r.reason,
    ...(r.reason === 'OUTSIDE_JURISDICTION' || r.reason === 'CODE_COMMUNITY_MISMATCH'
      ? { value: r.code ? `${r.code} → ${r.community_code}` : (r.community_code ?? '') }
      : {}),
  }));
  const rejections = [...read.rejections.slice(0, REPORT_ROWS), ...placed].sort((a, b) => a.row - b.row).slice(0, REPORT_ROWS).map(reported);
  const rejected = Object.values(rejectedByReason).reduce((s, k) => s + (k ?? 0), 0);
  return {
    ok: rejected === 0,
    written: false,
    importId: null,
    mode: req.mode,
    fileName: req.fileName,
    format: read.format,
    encoding: read.encoding,
    crs: req.crs,
    rowsRead: read.rowsRead,
    ...n!,
    rejected,
    rejectedByReason,
    rejections,
    unlinkedRows,
    ignoredColumns: read.ignoredColumns,
    tookMs: Date.now() - startedAt,
  };
}

async function write(tx: Executor, report: AddressImportReport, req: ImportRequest, at: Date): Promise<number> {
  const [imp] = await tx.query<{ id: number }>(
    `INSERT INTO address_import (imported_by_id, imported_at, file_name, format, crs, rows_read, created, updated, unlinked, took_ms, street_codes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0,
             array(SELECT DISTINCT left(community_code, 9) FROM staged_address ORDER BY 1))
     RETURNING id`,
    [req.by.userId, at, req.fileName, report.format, req.crs, report.rowsRead, report.created, report.updated, report.unlinked],
  );
  // The grids whose load changes: where the moved addresses were, and where the new and moved ones are
  // (kept before the update moves them). Not needed when every grid's load is recomputed.
  const fullRefresh = report.created + report.updated > FULL_LOAD_REFRESH;
  if (!fullRefresh && report.created + report.updated > 0) {
    await tx.execute(
      `CREATE TEMP TABLE touched_point ON COMMIT DROP AS
         SELECT a.geom FROM standard_address a JOIN staged_address s ON s.existing_id = a.id WHERE s.changed
         UNION ALL
         SELECT geom FROM staged_address WHERE existing_id IS NULL OR changed`,
      [],
    );
  }
  await tx.execute(
    `UPDATE standard_address a
        SET address = s.address, building_type = s.building_type, households = s.households, residents = s.residents,
            community_id = s.community_id, geom = s.geom, import_id = $1
       FROM staged_address s
      WHERE s.existing_id = a.id AND s.changed`,
    [imp!.id],
  );
  await tx.execute(
    `INSERT INTO standard_address (code, address, building_type, households, residents, community_id, geom, import_id)
     SELECT code, address, building_type, households, residents, community_id, geom, $1
       FROM staged_address WHERE existing_id IS NULL ORDER BY code`,
    [imp!.id],
  );
  if (fullRefresh) {
    await tx.execute('SELECT refresh_grid_load()', []);
  } else if (report.created + report.updated > 0) {
    await tx.execute(
      `SELECT refresh_grid_load(array(SELECT DISTINCT g.id FROM grid g JOIN touched_point t ON t.geom && g.geom AND ST_Covers(g.geom, t.geom)))`,
      [],
    );
  }
  if (report.created + report.updated > 0) await bumpDataVersion(tx, 'addresses');
  return imp!.id;
}

/**
 * Checks, and unless `mode` is 'check' writes, the rows of a file read by readAddressFile. Returns the
 * report either way; `written` says whether anything was stored. Refuses with IMPORT_BUSY while another
 * import runs.
 */
export async function importAddresses(
  db: Executor,
  read: AddressFileRead,
  req: ImportRequest,
  at: Date,
  progress: (p: ImportProgress) => void = () => {},
): Promise<AddressImportReport> {
  const startedAt = Date.now();
  try {
    return await db.transaction(async (tx) => {
      const [lock] = await tx.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS got', [IMPORT_LOCK]);
      if (!lock!.got) throw new AddressImportError('IMPORT_BUSY');
      await stage(tx, read, req.crs, progress);
      progress({ phase: 'linking', done: 0, total: read.columns.row.length });
      await placeAndLink(tx, req.scope, at);
      const report = await tally(tx, read, req, startedAt);
      if (!report.ok || req.mode === 'check') throw new RollBack(report);
      progress({ phase: 'writing', done: 0, total: report.created + report.updated });
      const importId = await write(tx, report, req, at);
      const tookMs = Date.now() - startedAt;
      await tx.execute('UPDATE address_import SET took_ms = $2 WHERE id = $1', [importId, tookMs]);
      return { ...report, written: true, importId, tookMs };
    });
  } catch (e) {
    if (e instanceof RollBack) return { ...e.report, tookMs: Date.now() - startedAt };
    throw e;
  }
}

export interface AddressImportRecord {
  id: number;
  importedAt: Date;
  importedBy: string | null;
  fileName: string;
  format: string;
  crs: string;
  rowsRead: number;
  created: number;
  updated: number;
  unlinked: number;
  tookMs: number;
}

/** The imports written that touched the scope, newest first. */
export async function recentAddressImports(db: Executor, scope: Scope, limit = 20): Promise<AddressImportRecord[]> {
  return db.query<AddressImportRecord>(
    `SELECT i.id, i.imported_at AS "importedAt", u.display_name AS "importedBy", i.file_name AS "fileName", i.format, i.crs,
            i.rows_read AS "rowsRead", i.created, i.updated, i.unlinked, i.took_ms AS "tookMs"
       FROM address_import i LEFT JOIN app_user u ON u.id = i.imported_by_id
      WHERE $1::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest(i.street_codes) sc WHERE sc LIKE ANY ($1::text[]))
      ORDER BY i.imported_at DESC, i.id DESC LIMIT $2`,
    [scopePatterns(scope), limit],
  );
}
