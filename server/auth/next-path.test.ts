import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps a path of the app, with its query', () => {
    expect(safeNextPath('/editor?street=5&c=118.8,32.05&z=14')).toBe('/editor?street=5&c=118.8,32.05&z=14');
    expect(safeNextPath('/?layers=grids%2Cincidents')).toBe('/?layers=grids%2Cincidents');
  });
  it('sends anything that could leave the app to the map instead', () => {
    for (const bad of ['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', 'https://evil.example', 'evil', '', null, undefined, '/a b', `/${'x'.repeat(2001)}`]) {
      expect(safeNextPath(bad)).toBe('/');
    }
  });
});
