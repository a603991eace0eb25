import { describe, expect, it } from 'vitest';
import { parseTileRequest } from './tile-request';

describe('parseTileRequest', () => {
  it('accepts a well-formed tile with its .mvt extension', () => {
    expect(parseTileRequest({ layer: 'grids', z: '13', x: '6804', y: '3306.mvt' })).toEqual({
      valid: true,
      request: { layer: 'grids', z: 13, x: 6804, y: 3306 },
    });
    expect(parseTileRequest({ layer: 'key_sites', z: '0', x: '0', y: '0' })).toMatchObject({ valid: true });
    expect(parseTileRequest({ layer: 'incidents', z: '22', x: String(2 ** 22 - 1), y: `${2 ** 22 - 1}.mvt` })).toMatchObject({
      valid: true,
    });
  });

  it('reads an "as of" day as the end of that day in China', () => {
    expect(parseTileRequest({ layer: 'grids', z: '13', x: '6804', y: '3306.mvt', at: '2026-11-30' })).toEqual({
      valid: true,
      request: { layer: 'grids', z: 13, x: 6804, y: 3306, at: new Date('2026-11-30T15:59:59.999Z') },
    });
  });

  it.each([
    [{ layer: 'roads', z: '10', x: '1', y: '1.mvt' }, 'TILE_UNKNOWN_LAYER'],
    [{ layer: '__proto__', z: '10', x: '1', y: '1.mvt' }, 'TILE_UNKNOWN_LAYER'],
    [{ layer: 'grids', z: '23', x: '1', y: '1.mvt' }, 'TILE_BAD_ZOOM'],
    [{ layer: 'grids', z: '-1', x: '1', y: '1.mvt' }, 'TILE_BAD_ZOOM'],
    [{ layer: 'grids', z: '1.5', x: '1', y: '1.mvt' }, 'TILE_BAD_ZOOM'],
    [{ layer: 'grids', z: '10', x: 'a', y: '1.mvt' }, 'TILE_BAD_COORDINATE'],
    [{ layer: 'grids', z: '10', x: '1', y: '1.png' }, 'TILE_BAD_COORDINATE'],
    [{ layer: 'grids', z: '10', x: '-1', y: '1.mvt' }, 'TILE_BAD_COORDINATE'],
    [{ layer: 'grids', z: '1', x: '2', y: '0.mvt' }, 'TILE_OUT_OF_RANGE'],
    [{ layer: 'grids', z: '0', x: '0', y: '1.mvt' }, 'TILE_OUT_OF_RANGE'],
    [{ layer: 'grids', z: '0', x: '0', y: '0.mvt', at: '2026-02-30' }, 'TILE_BAD_DATE'],
    [{ layer: 'grids', z: '0', x: '0', y: '0.mvt', at: '2026-12-01T00:00:00Z' }, 'TILE_BAD_DATE'],
    [{ layer: 'grids', z: '0', x: '0', y: '0.mvt', at: '' }, 'TILE_BAD_DATE'],
  ])('rejects %o with %s and a message in both languages', (raw, code) => {
    const r = parseTileRequest(raw);
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.code).toBe(code);
    expect(r.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(r.message.en).toMatch(/[A-Za-z]/);
  });
});
