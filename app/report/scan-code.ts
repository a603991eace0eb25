/**
 * The codes printed on places (扫码定责): /r/a/<18-digit doorplate code> for a standard address,
 * /r/k/<key site id> for a key site. A path that is neither names no place (the page says so; it is not
 * an error of the server's).
 */
export type ScanCode = { kind: 'address' | 'key_site'; code: string };

const ADDRESS_CODE = /^[0-9]{18}$/;
// A key site's serial id: positive, no leading zero, within an int column.
const KEY_SITE_ID = /^[1-9][0-9]{0,9}$/;
const MAX_INT4 = 2 ** 31 - 1;

export function parseScanCode(kind: string, code: string): ScanCode | null {
  if (kind === 'a' && ADDRESS_CODE.test(code)) return { kind: 'address', code };
  if (kind === 'k' && KEY_SITE_ID.test(code) && Number(code) <= MAX_INT4) return { kind: 'key_site', code };
  return null;
}

/** The 15-digit code of a grid (a QR sheet's path). */
export const isGridCode = (code: string): boolean => /^[0-9]{15}$/.test(code);

/** The sheet page asked for (`?page=`): a positive integer, else the first. */
export function sheetPage(param: string | string[] | undefined): number {
  const v = Array.isArray(param) ? param[0] : param;
  if (!v || !/^[1-9][0-9]{0,5}$/.test(v)) return 1;
  return Number(v);
}
