/**
 * The editor's client state: the mode (what a click on the map does) and the selection. Server data
 * (the draft, the findings) lives in TanStack Query, not here.
 */
/** What a click on the map does: select grids, draw a polygon, or draw a line (a split, or a new shared boundary). */
export const EDITOR_MODES = ['select', 'draw', 'split', 'reshape'] as const;
export type EditorMode = (typeof EDITOR_MODES)[number];

/** Selected draft grids by key (several for a merge). */
export type EditorSelection = { kind: 'none' } | { kind: 'grids'; keys: string[] };

export const NO_SELECTION: EditorSelection = { kind: 'none' };

export function selectedKeys(s: EditorSelection): string[] {
  return s.kind === 'grids' ? s.keys : [];
}

/** A click on a grid: replace the selection, or toggle the grid in it (shift/ctrl click), or clear it. */
export function clickGrid(s: EditorSelection, key: string | null, additive: boolean): EditorSelection {
  if (key === null) return additive ? s : NO_SELECTION;
  if (!additive) return { kind: 'grids', keys: [key] };
  const keys = selectedKeys(s);
  const next = keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key];
  return next.length ? { kind: 'grids', keys: next } : NO_SELECTION;
}

/** The toolbar's actions; each is one mutation on the server and one undo step. */
export type EditorAction = 'select' | 'draw' | 'split' | 'reshape' | 'merge' | 'delete' | 'fillRest' | 'snap' | 'undo' | 'redo';

/** Keyboard shortcuts (ignored while typing in a form field). */
export function shortcutAction(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): EditorAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (mod && k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (mod && k === 'y') return 'redo';
  if (mod || e.altKey) return null;
  switch (k) {
    case 'v':
      return 'select';
    case 'p':
      return 'draw';
    case 'l':
      return 'split';
    case 'b':
      return 'reshape';
    case 'm':
      return 'merge';
    case 'delete':
    case 'backspace':
      return 'delete';
    case 'f':
      return 'fillRest';
    case 'n':
      return 'snap';
    default:
      return null;
  }
}

export const SHORTCUT_LABELS: Record<EditorAction, string> = {
  select: 'V',
  draw: 'P',
  split: 'L',
  reshape: 'B',
  merge: 'M',
  delete: 'Del',
  fillRest: 'F',
  snap: 'N',
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z',
};
