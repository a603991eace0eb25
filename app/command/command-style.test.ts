import { describe, expect, it } from 'vitest';
import { offlineStyle, sourceId } from '@/app/map/style';
import { commandStyle, GRID_OPEN_FILL_COLOUR, GRIDS_SOURCE } from './command-style';

describe('the command map style', () => {
  it('is the home map\'s, without its incident and address layers, with the grids keyed by code and shaded by open cases', () => {
    const home = offlineStyle('http://intranet', 'kind');
    const s = commandStyle('http://intranet', { keySites: true });
    const ids = s.layers.map((l) => l.id);
    expect(ids).toEqual(home.layers.map((l) => l.id).filter((id) => !['ga-incidents', 'ga-incidents-heat', 'ga-addresses', 'ga-addresses-aggregated'].includes(id)));
    expect(Object.keys(s.sources).sort()).toEqual(Object.keys(home.sources).filter((k) => k !== sourceId('incidents') && k !== sourceId('addresses')).sort());
    expect(s.sources[GRIDS_SOURCE]).toMatchObject({ type: 'vector', promoteId: { grids: 'code' }, tiles: (home.sources[GRIDS_SOURCE] as { tiles: string[] }).tiles });
    const fill = s.layers.find((l) => l.id === 'ga-grids-fill');
    expect(fill?.type === 'fill' && fill.paint?.['fill-color']).toEqual(GRID_OPEN_FILL_COLOUR);
    // Every tile comes from the app itself.
    for (const src of Object.values(s.sources)) for (const url of (src as { tiles?: string[] }).tiles ?? []) expect(url.startsWith('http://intranet/tiles/')).toBe(true);
  });

  it('leaves the key sites out for a viewer who may not see them', () => {
    const s = commandStyle('http://intranet', { keySites: false });
    expect(s.layers.some((l) => l.id === 'ga-key-sites')).toBe(false);
    expect(s.sources[sourceId('key_sites')]).toBeUndefined();
  });
});
