/**
 * Scan to report (扫码定责): the codes printed on every standard address and key site. A code names the
 * place itself, so the report it opens is bound to that place's grid and worker, never to a guess from
 * the phone's position.
 */
import { now } from '../clock';
import { getDatabase, type Executor } from '../db';
import { requestShare } from '../db/fair-share';
import { gridName } from '../data/grids';
import { IncidentError } from './errors';
import { locateReport, type ReportPlace } from './intake';

export interface PlaceOfCode {
  place: ReportPlace;
  label: string;
  point: [number, number];
  grid: { code: string; name: string } | null;
  gridWorker: { id: number; name: string } | null;
}

/** The place a scanned code names: an address by its 18-digit doorplate code, a key site by its number. */
export async function placeOfCode(db: Executor, code: { kind: 'address' | 'key_site'; code: string }, at: Date): Promise<PlaceOfCode> {
  let place: ReportPlace;
  if (code.kind === 'address') {
    const [a] = await db.query<{ id: number }>('SELECT id FROM standard_address WHERE code = $1', [code.code]);
    if (!a) throw new IncidentError('ADDRESS_NOT_FOUND', code.code);
    place = { kind: 'address', addressId: a.id };
  } else {
    const id = Number(code.code);
    if (!Number.isSafeInteger(id) || id <= 0 || id > 2 ** 31 - 1) throw new IncidentError('KEY_SITE_NOT_FOUND', code.code);
    place = { kind: 'key_site', keySiteId: id };
  }
  const located = await locateReport(db, place, at);
  const [w] = located.gridWorkerId ? await db.query<{ name: string }>('SELECT name FROM grid_worker WHERE id = $1', [located.gridWorkerId]) : [];
  return {
    place,
    label: located.addressText,
    point: located.point,
    grid: located.gridCode ? { code: located.gridCode, name: (await gridName(db, located.gridCode, at)) ?? '' } : null,
    gridWorker: located.gridWorkerId && w ? { id: located.gridWorkerId, name: w.name } : null,
  };
}

/** The place a scanned code names, now, for the scan page (its own share of the database). */
export async function scannedPlace(code: { kind: 'address' | 'key_site'; code: string }): Promise<PlaceOfCode> {
  return placeOfCode(requestShare((await getDatabase()).db), code, now());
}
