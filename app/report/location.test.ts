import { describe, expect, it } from 'vitest';
import { accuracyMetres, formatDegrees, geolocationAvailability, geolocationFailure, parseDegrees, placeFromFields } from './location';

describe('the patrol report place', () => {
  it('reads longitude and latitude as typed, a comma as the decimal mark', () => {
    expect(placeFromFields('118.7969', '32.0603')).toEqual({ ok: true, place: { kind: 'point', lon: 118.7969, lat: 32.0603 } });
    expect(placeFromFields(' 118,5 ', '32.')).toEqual({ ok: true, place: { kind: 'point', lon: 118.5, lat: 32 } });
    expect(placeFromFields('-0.5', '.25')).toEqual({ ok: true, place: { kind: 'point', lon: -0.5, lat: 0.25 } });
  });

  it('says which field is wrong, or that there is no place yet', () => {
    expect(placeFromFields('', ' ')).toEqual({ ok: false, reason: 'PLACE_REQUIRED' });
    expect(placeFromFields('181', '32')).toEqual({ ok: false, reason: 'LON_INVALID' });
    expect(placeFromFields('118', '')).toEqual({ ok: false, reason: 'LAT_INVALID' });
    expect(placeFromFields('118', '91')).toEqual({ ok: false, reason: 'LAT_INVALID' });
    for (const bad of ['1e2', '0x10', '118.1.2', 'abc', 'Infinity', '--1']) expect(parseDegrees(bad, 180), bad).toBeNull();
    expect(parseDegrees('32.06°', 90)).toBe(32.06);
  });

  it('shows degrees with six decimals at most', () => {
    expect(formatDegrees(118.79691234)).toBe('118.796912');
    expect(formatDegrees(32)).toBe('32');
  });

  it('tells refusal, no signal and timeout apart, and a page the browser will not locate', () => {
    expect([1, 2, 3].map(geolocationFailure)).toEqual(['denied', 'unavailable', 'timeout']);
    expect(geolocationAvailability({ secure: true, hasGeolocation: true })).toBeNull();
    expect(geolocationAvailability({ secure: false, hasGeolocation: true })).toBe('insecure');
    expect(geolocationAvailability({ secure: true, hasGeolocation: false })).toBe('unsupported');
    expect([accuracyMetres(0.2), accuracyMetres(14.6)]).toEqual([1, 15]);
  });
});
