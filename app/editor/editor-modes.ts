/**
 * What each editor mode does, described once (the handler table of Placemark's app/lib/handlers): the
 * terra-draw tool it runs, the cursor, whether the selected grid's vertex handles are shown, dragged and
 * moved with the keyboard, and what a map click, a change to the drawing and a finished drawing do.
 * EditorController dispatches through MODE_HANDLERS; it never tests the mode itself.
 */
import type { Geometry, LineString, Polygon } from 'geojson';
import type { EditorMode } from './editor-state';

/** terra-draw's mode names, as EditorController registers them: a polygon, a line, or nothing. */
export const DRAW_TOOLS = ['polygon', 'linestring', 'idle'] as const;
export type DrawTool = (typeof DRAW_TOOLS)[number];

/** What the handlers act through: the controller's callbacks, and the one map query a click needs. */
export interface ModeContext {
  /** The key of the draft grid drawn at a screen point, or null. */
  gridAt: (point: { x: number; y: number }) => string | null;
  onGridClick: (key: string | null, additive: boolean) => void;
  onDrawn: (geometry: Polygon | LineString, mode: EditorMode) => void;
  onDrawing: (geometry: Polygon | null) => void;
}

/** The part of a MapLibre click the handlers read. */
export interface MapClick {
  point: { x: number; y: number };
  originalEvent: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean };
}

export interface ModeHandler {
  /** The terra-draw mode that runs: it takes the clicks that place vertices. */
  tool: DrawTool;
  /** The map canvas's cursor ('' leaves it to MapLibre). */
  cursor: string;
  /** The selected grid's vertex handles: shown, dragged with the mouse, moved with the keyboard. */
  vertexHandles: { visible: boolean; drag: boolean; keyboard: boolean };
  /** A click on the map, once it is ready (the drawing tools place their vertices on their own). */
  click?: (ctx: ModeContext, e: MapClick) => void;
  /** The shape being drawn changed: its geometry, or null when there is none. */
  drawingChanged?: (ctx: ModeContext, geometry: Geometry | null) => void;
  /** The shape drawn with the tool was finished (the sketch itself is already dropped). */
  drawn?: (ctx: ModeContext, geometry: Polygon | LineString) => void;
}

const NO_VERTEX_HANDLES = { visible: false, drag: false, keyboard: false };

/** The finished shape goes to the page with the mode it was drawn in: that says which edit it is. */
const reportDrawn =
  (mode: EditorMode): NonNullable<ModeHandler['drawn']> =>
  (ctx, geometry) =>
    ctx.onDrawn(geometry, mode);

export const MODE_HANDLERS: Record<EditorMode, ModeHandler> = {
  select: {
    tool: 'idle',
    cursor: '',
    vertexHandles: { visible: true, drag: true, keyboard: true },
    click: (ctx, e) => {
      // Shift/Ctrl/Cmd click toggles the grid in the selection (for a merge or a shared boundary).
      const additive = e.originalEvent.shiftKey || e.originalEvent.ctrlKey || e.originalEvent.metaKey;
      ctx.onGridClick(ctx.gridAt(e.point), additive);
    },
  },
  draw: {
    tool: 'polygon',
    cursor: 'crosshair',
    vertexHandles: NO_VERTEX_HANDLES,
    // The instant checks (self-intersection, overlaps) are for the polygon being drawn only.
    drawingChanged: (ctx, geometry) => ctx.onDrawing(geometry?.type === 'Polygon' ? geometry : null),
    drawn: reportDrawn('draw'),
  },
  split: {
    tool: 'linestring',
    cursor: 'crosshair',
    vertexHandles: NO_VERTEX_HANDLES,
    drawn: reportDrawn('split'),
  },
  reshape: {
    tool: 'linestring',
    cursor: 'crosshair',
    vertexHandles: NO_VERTEX_HANDLES,
    drawn: reportDrawn('reshape'),
  },
};
