/**
 * The patrol report's place: a point from the phone's position, a tap on the map, or longitude and
 * latitude typed in (the keyboard's way). WGS84 degrees throughout (the device, the map and the server
 * all speak them); the fields hold text so that a half-typed number stays as typed.
 */
import type { PlaceStatus } from './report-form';

/** How long the phone may look for its position, and how old a fix it may reuse (ms). */
export const GEOLOCATION_OPTIONS: PositionOptions = { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 };

/** Why no position came: refused, not found, too slow, no such service, or a page not served over HTTPS. */
export type GeolocationFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported' | 'insecure';

/** The failure of a GeolocationPositionError's code (1 PERMISSION_DENIED, 2 POSITION_UNAVAILABLE, 3 TIMEOUT). */
export function geolocationFailure(code: number): GeolocationFailure {
  return code === 1 ? 'denied' : code === 3 ? 'timeout' : 'unavailable';
}

/**
 * Whether the browser can be asked at all. Browsers give the position only to secure pages (HTTPS or
 * localhost): on a plain-HTTP intranet address the request is refused before the user is asked, and
 * saying so beats a bare "denied".
 */
export function geolocationAvailability(env: { secure: boolean; hasGeolocation: boolean }): GeolocationFailure | null {
  if (!env.hasGeolocation) return 'unsupported';
  if (!env.secure) return 'insecure';
  return null;
}

/** Degrees as the fields show them: six decimals (about 0.1 m), no trailing zeros. */
export const formatDegrees = (value: number): string => String(Number(value.toFixed(6)));

const DEGREES = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** One coordinate typed in, or null when it is not a number within ±limit. Accepts a comma as decimal mark. */
export function parseDegrees(text: string, limit: number): number | null {
  const t = text.trim().replace(',', '.').replace(/°$/, '');
  if (!DEGREES.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/** The place the fields name: nothing yet, a bad longitude or latitude, or the point. */
export function placeFromFields(lonText: string, latText: string): PlaceStatus {
  if (!lonText.trim() && !latText.trim()) return { ok: false, reason: 'PLACE_REQUIRED' };
  const lon = parseDegrees(lonText, 180);
  if (lon === null) return { ok: false, reason: 'LON_INVALID' };
  const lat = parseDegrees(latText, 90);
  if (lat === null) return { ok: false, reason: 'LAT_INVALID' };
  return { ok: true, place: { kind: 'point', lon, lat } };
}

/** The accuracy the phone reported, in whole metres (it reports metres as a float). */
export const accuracyMetres = (accuracy: number): number => Math.max(1, Math.round(accuracy));
