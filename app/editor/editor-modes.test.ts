import { describe, expect, it, vi } from 'vitest';
import type { LineString, Polygon } from 'geojson';
import { DRAW_TOOLS, MODE_HANDLERS, type MapClick, type ModeContext } from './editor-modes';
import { EDITOR_MODES } from './editor-state';

const polygon: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ],
};
const line: LineString = {
  type: 'LineString',
  coordinates: [
    [0, 0],
    [1, 1],
  ],
};

function context(gridKey: string | null = null) {
  return {
    gridAt: vi.fn<ModeContext['gridAt']>(() => gridKey),
    onGridClick: vi.fn<ModeContext['onGridClick']>(),
    onDrawn: vi.fn<ModeContext['onDrawn']>(),
    onDrawing: vi.fn<ModeContext['onDrawing']>(),
  } satisfies ModeContext;
}

const click = (mods: Partial<MapClick['originalEvent']> = {}): MapClick => ({
  point: { x: 10, y: 20 },
  originalEvent: { shiftKey: false, ctrlKey: false, metaKey: false, ...mods },
});

describe('editor mode handlers', () => {
  it('has exactly one handler per editor mode', () => {
    expect(Object.keys(MODE_HANDLERS).sort()).toEqual([...EDITOR_MODES].sort());
  });

  it('runs terra-draw idle in select mode, its polygon tool to draw, its line tool to split and reshape', () => {
    expect(MODE_HANDLERS.select.tool).toBe('idle');
    expect(MODE_HANDLERS.draw.tool).toBe('polygon');
    expect(MODE_HANDLERS.split.tool).toBe('linestring');
    expect(MODE_HANDLERS.reshape.tool).toBe('linestring');
    for (const mode of EDITOR_MODES) expect(DRAW_TOOLS).toContain(MODE_HANDLERS[mode].tool);
  });

  it('shows, drags and moves vertex handles in select mode only', () => {
    for (const mode of EDITOR_MODES) {
      const v = MODE_HANDLERS[mode].vertexHandles;
      const select = mode === 'select';
      expect(v, mode).toEqual({ visible: select, drag: select, keyboard: select });
    }
  });

  it('keeps the default cursor and the map clicks where nothing is drawn, a crosshair and no clicks where something is', () => {
    for (const mode of EDITOR_MODES) {
      const h = MODE_HANDLERS[mode];
      const drawing = h.tool !== 'idle';
      expect(h.cursor, mode).toBe(drawing ? 'crosshair' : '');
      expect(!!h.click, mode).toBe(!drawing);
      expect(!!h.drawn, mode).toBe(drawing);
    }
  });

  it('in select mode a click picks the grid under the pointer, added to the selection with Shift, Ctrl or Cmd', () => {
    const ctx = context('g1');
    MODE_HANDLERS.select.click!(ctx, click());
    expect(ctx.gridAt).toHaveBeenCalledWith({ x: 10, y: 20 });
    expect(ctx.onGridClick).toHaveBeenLastCalledWith('g1', false);
    for (const mod of ['shiftKey', 'ctrlKey', 'metaKey'] as const) {
      MODE_HANDLERS.select.click!(ctx, click({ [mod]: true }));
      expect(ctx.onGridClick).toHaveBeenLastCalledWith('g1', true);
    }
    const empty = context(null);
    MODE_HANDLERS.select.click!(empty, click());
    expect(empty.onGridClick).toHaveBeenCalledWith(null, false);
  });

  it('reports a finished shape with the mode it was drawn in', () => {
    const ctx = context();
    MODE_HANDLERS.draw.drawn!(ctx, polygon);
    expect(ctx.onDrawn).toHaveBeenLastCalledWith(polygon, 'draw');
    MODE_HANDLERS.split.drawn!(ctx, line);
    expect(ctx.onDrawn).toHaveBeenLastCalledWith(line, 'split');
    MODE_HANDLERS.reshape.drawn!(ctx, line);
    expect(ctx.onDrawn).toHaveBeenLastCalledWith(line, 'reshape');
  });

  it('sends the polygon being drawn to the instant checks in draw mode only', () => {
    for (const mode of EDITOR_MODES) expect(!!MODE_HANDLERS[mode].drawingChanged, mode).toBe(mode === 'draw');
    const ctx = context();
    const changed = MODE_HANDLERS.draw.drawingChanged!;
    changed(ctx, polygon);
    expect(ctx.onDrawing).toHaveBeenLastCalledWith(polygon);
    changed(ctx, line);
    expect(ctx.onDrawing).toHaveBeenLastCalledWith(null);
    changed(ctx, null);
    expect(ctx.onDrawing).toHaveBeenLastCalledWith(null);
  });
});
