/**
 * Vertex dragging: press on a vertex handle, move, release; one moveSharedVertex edit on release. The
 * dragged vertex snaps to the other grids and to the community boundaries, never to itself.
 */
import type maplibregl from 'maplibre-gl';
import { samePosition } from '@/geo/snap/snap-point';
import { LAYERS, type VertexMove } from './editor-layers';
import type { SnappedPosition } from './editor-snapping';

/** What a drag acts on, provided by the controller. */
export interface VertexDragHost {
  /** Whether the mode lets the handles be dragged. */
  canDrag: () => boolean;
  /** The mode's own cursor, back once the pointer lets go of a handle. */
  modeCursor: () => string;
  snap: (p: [number, number], moving: [number, number]) => SnappedPosition;
  clearSnapCue: () => void;
  /** Draws the vertex handles, the dragged one where it is now. */
  paint: () => void;
  /** The mouse takes over from a keyboard move not yet applied. */
  takeOver: () => void;
  onVertexMoved: (from: [number, number], to: [number, number]) => void;
}

export class VertexDrag {
  /** The vertex being dragged: where it was, and where the (snapped) pointer is now. */
  current: VertexMove | null = null;

  constructor(
    private readonly map: maplibregl.Map,
    private readonly host: VertexDragHost,
  ) {}

  /** Once the vertex layer exists. */
  wire() {
    const map = this.map;
    const host = this.host;
    map.on('mousedown', LAYERS.vertices, (e) => {
      if (!host.canDrag()) return;
      const p = e.features?.[0]?.properties;
      if (!p || typeof p.lon !== 'number' || typeof p.lat !== 'number') return;
      e.preventDefault();
      map.dragPan.disable();
      host.takeOver();
      this.current = { from: [p.lon, p.lat], to: [p.lon, p.lat] };
      map.getCanvas().style.cursor = 'grabbing';
    });
    map.on('mousemove', (e) => {
      if (!this.current) return;
      this.current.to = host.snap([e.lngLat.lng, e.lngLat.lat], this.current.from).position;
      host.paint();
    });
    map.on('mouseup', (e) => {
      if (!this.current) return;
      const { from } = this.current;
      const to = host.snap([e.lngLat.lng, e.lngLat.lat], from).position;
      this.current = null;
      host.clearSnapCue();
      map.dragPan.enable();
      map.getCanvas().style.cursor = host.modeCursor();
      const a = map.project(from);
      // A press without a real move is a click, not an edit.
      if (Math.hypot(a.x - e.point.x, a.y - e.point.y) < 3 || samePosition(from, to)) return host.paint();
      host.onVertexMoved(from, to);
    });
    map.on('mouseenter', LAYERS.vertices, () => {
      if (host.canDrag() && !this.current) map.getCanvas().style.cursor = 'grab';
    });
    map.on('mouseleave', LAYERS.vertices, () => {
      if (!this.current) map.getCanvas().style.cursor = host.modeCursor();
    });
  }
}
