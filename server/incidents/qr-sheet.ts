/**
 * A grid's printable code sheet (扫码定责): every standard address and key site the grid in force answers
 * for, each with the QR code of its report form (/r/a/<address code>, /r/k/<key site id>). A place is on
 * the sheet of the grid a scan of it reports to: the grid in force covering it, the lowest code where
 * grids share an edge (the rule of intake's locateReport), so a code printed here always reaches this
 * grid's worker and never lands on two sheets.
 */
import QRCode from 'qrcode';
import { now } from '../clock';
import { getDatabase, type Executor } from '../db';
import { requestShare } from '../db/fair-share';
import { gridsInForce } from '../data/grids';

/** Addresses per printed page of the sheet (`?page=`): a large grid is printed in parts. */
export const QR_SHEET_PAGE_SIZE = 2000;

export interface QrSheetGrid {
  code: string;
  name: string;
  community: string;
  street: string;
  district: string;
}

export interface QrSheetAddress {
  id: number;
  /** The 18-digit doorplate code (what the QR code and the label carry). */
  code: string;
  address: string;
}

export interface QrSheetKeySite {
  id: number;
  name: string;
  address: string;
}

export interface QrSheet {
  grid: QrSheetGrid;
  /** This page's addresses, by code. */
  addresses: QrSheetAddress[];
  /** The grid's key sites (all of them, on the first page only: they are few). */
  keySites: QrSheetKeySite[];
  /** 1-based; clamped to the pages there are. */
  page: number;
  pages: number;
  addressCount: number;
  keySiteCount: number;
}

/**
 * The place's point lies in the grid `g` and in no grid in force of a lower code ($2 is the moment):
 * the grid a report at the point is bound to.
 */
const answeredBy = (point: string) =>
  `g.geom && ${point} AND ST_Intersects(g.geom, ${point})
   AND NOT EXISTS (SELECT 1 FROM ${gridsInForce('$2')} o WHERE o.code < g.code AND o.geom && ${point} AND ST_Intersects(o.geom, ${point}))`;

/**
 * The sheet of the grid in force at `at` with `gridCode`, page `page` (1-based); null when no grid of
 * that code is in force. Security: the caller checks the grid lies in the user's incident_report scope.
 */
export async function gridQrSheet(db: Executor, gridCode: string, at: Date, page: number): Promise<QrSheet | null> {
  const [grid] = await db.query<QrSheetGrid>(
    `SELECT g.code, g.name, c.name AS community, s.name AS street, d.name AS district
       FROM ${gridsInForce('$2')} g
       JOIN community c ON c.id = g.community_id JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
      WHERE g.code = $1`,
    [gridCode, at],
  );
  if (!grid) return null;
  const [counts] = await db.query<{ addresses: number; key_sites: number }>(
    `SELECT (SELECT count(*)::int FROM standard_address a WHERE ${answeredBy('a.geom')}) AS addresses,
            (SELECT count(*)::int FROM key_site k WHERE k.geom && g.geom AND ${answeredBy('ST_PointOnSurface(k.geom)')}) AS key_sites
       FROM ${gridsInForce('$2')} g WHERE g.code = $1`,
    [gridCode, at],
  );
  const addressCount = counts?.addresses ?? 0;
  const pages = Math.max(1, Math.ceil(addressCount / QR_SHEET_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const addresses = await db.query<{ id: number; code: string; address: string }>(
    `SELECT a.id, a.code, a.address
       FROM standard_address a, ${gridsInForce('$2')} g
      WHERE g.code = $1 AND ${answeredBy('a.geom')}
      ORDER BY a.code LIMIT $3::int OFFSET $4::int`,
    [gridCode, at, QR_SHEET_PAGE_SIZE, (current - 1) * QR_SHEET_PAGE_SIZE],
  );
  const keySites =
    current === 1
      ? await db.query<{ id: number; name: string; address: string }>(
          `SELECT k.id, k.name, k.address
             FROM key_site k, ${gridsInForce('$2')} g
            WHERE g.code = $1 AND k.geom && g.geom AND ${answeredBy('ST_PointOnSurface(k.geom)')}
            ORDER BY k.id`,
          [gridCode, at],
        )
      : [];
  return {
    grid,
    addresses: addresses.map((a) => ({ id: Number(a.id), code: a.code.trim(), address: a.address })),
    keySites: keySites.map((k) => ({ id: Number(k.id), name: k.name, address: k.address })),
    page: current,
    pages,
    addressCount,
    keySiteCount: counts?.key_sites ?? 0,
  };
}

/** The path of a place's report form, as its QR code names it: /r/a/<18-digit code> or /r/k/<key site id>. */
/** A grid's sheet as it stands now, for the sheet page (its own share of the database). */
export async function currentGridQrSheet(gridCode: string, page: number): Promise<QrSheet | null> {
  return gridQrSheet(requestShare((await getDatabase()).db), gridCode, now(), page);
}

export function reportPath(place: { kind: 'address'; code: string } | { kind: 'key_site'; id: number }): string {
  return place.kind === 'address' ? `/r/a/${place.code}` : `/r/k/${place.id}`;
}

/**
 * The origin the browser reached the app at, from the request's headers: Host (X-Forwarded-Host behind a
 * reverse proxy the operator declared, GRIDATLAS_TRUST_PROXY=on, as the cross-site check reads it) and
 * X-Forwarded-Proto for the scheme (Next's server sets it for every request; a declared proxy passes its
 * own). Never a configured or hard-coded host: the sheet prints the address its reader is using.
 */
export function requestOrigin(headers: { get(name: string): string | null }): string {
  const trustProxy = process.env.GRIDATLAS_TRUST_PROXY === 'on';
  const first = (v: string | null) => v?.split(',')[0]?.trim() || null;
  const named = (trustProxy ? first(headers.get('x-forwarded-host')) : null) ?? first(headers.get('host'));
  // A host name or address with an optional port, nothing else (the text goes into every printed code).
  const host = named && /^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$/.test(named) ? named : 'localhost';
  const proto = first(headers.get('x-forwarded-proto'));
  const scheme = proto === 'https' || proto === 'http' ? proto : 'http';
  return `${scheme}://${host}`;
}

/** The QR code of `text` as an SVG string (no width or height: the sheet's CSS sizes it). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}
