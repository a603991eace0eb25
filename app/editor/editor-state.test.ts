import { describe, expect, it } from 'vitest';
import { NO_SELECTION, clickGrid, selectedKeys, shortcutAction } from './editor-state';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('editor selection', () => {
  it('a click selects one grid, an additive click toggles it in the selection, a click on nothing clears', () => {
    let s = clickGrid(NO_SELECTION, 'g1', false);
    expect(selectedKeys(s)).toEqual(['g1']);
    s = clickGrid(s, 'g2', true);
    expect(selectedKeys(s)).toEqual(['g1', 'g2']);
    s = clickGrid(s, 'g1', true);
    expect(selectedKeys(s)).toEqual(['g2']);
    expect(clickGrid(s, 'g2', true)).toEqual(NO_SELECTION);
    expect(clickGrid(s, null, true)).toBe(s);
    expect(clickGrid(s, null, false)).toEqual(NO_SELECTION);
  });
});

describe('editor shortcuts', () => {
  it('maps undo/redo with Ctrl or Cmd, and single keys to tools', () => {
    expect(shortcutAction(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutAction(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutAction(key('z', { metaKey: true }))).toBe('undo');
    expect(shortcutAction(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutAction(key('p'))).toBe('draw');
    expect(shortcutAction(key('Delete'))).toBe('delete');
    expect(shortcutAction(key('f'))).toBe('fillRest');
    expect(shortcutAction(key('b'))).toBe('reshape');
    expect(shortcutAction(key('p', { altKey: true }))).toBeNull();
    expect(shortcutAction(key('p', { ctrlKey: true }))).toBeNull();
    expect(shortcutAction(key('q'))).toBeNull();
  });
});
