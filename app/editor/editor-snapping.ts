/**
 * The one snapping rule used everywhere in the editor (drawing, dragging, keyboard moves): to the
 * vertices and edges of the draft grids and of the street's community boundaries, with a cue shown at
 * what the position snapped to.
 */
import type maplibregl from 'maplibre-gl';
import type { GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { SnapIndex, type SnapKind, type SnapTarget } from '@/geo/snap/snap-point';
import { EMPTY, SOURCES } from './editor-layers';

/** How near, in screen pixels, a vertex or an edge pulls the pointer (terra-draw's click distance is 20). */
const SNAP_TOLERANCE_PX = 10;

export interface SnappedPosition {
  position: [number, number];
  kind: SnapKind;
}

export class EditorSnapping {
  private enabled = true;
  private grids: MultiPolygon[] = [];
  private boundaries: MultiPolygon[] = [];
  /** Rebuilt on the first snap after the grids or the boundaries changed. */
  private index: SnapIndex | null = null;
  private cue = '';

  /** `ready`: whether the map has the editor's sources (the cue's among them). */
  constructor(
    private readonly map: maplibregl.Map,
    private readonly ready: () => boolean,
  ) {}

  /** Snapping on or off (the toolbar's toggle): drawing, dragging and keyboard moves alike. */
  setEnabled(on: boolean) {
    this.enabled = on;
    if (!on) this.showCue(null);
  }

  setGrids(grids: MultiPolygon[]) {
    this.grids = grids;
    this.index = null;
  }

  /** The street's community boundaries, snap targets besides the draft grids. */
  setBoundaries(boundaries: MultiPolygon[]) {
    this.boundaries = boundaries;
    this.index = null;
  }

  private targets(): SnapIndex {
    if (!this.index) {
      const targets: SnapTarget[] = [
        ...this.grids.map((geometry) => ({ geometry, role: 'grid' as const })),
        ...this.boundaries.map((geometry) => ({ geometry, role: 'boundary' as const })),
      ];
      this.index = new SnapIndex(targets);
    }
    return this.index;
  }

  /** A position snapped, and the cue shown. `moving`: the draft vertex being moved, which cannot snap to itself. */
  snap(p: [number, number], moving?: [number, number]): SnappedPosition {
    if (!this.enabled) {
      this.showCue(null);
      return { position: p, kind: 'none' };
    }
    const s = this.targets().snap(p, {
      tolerancePx: SNAP_TOLERANCE_PX,
      project: (q) => {
        const xy = this.map.project([q[0]!, q[1]!]);
        return [xy.x, xy.y];
      },
      unproject: (xy) => {
        const ll = this.map.unproject(xy);
        return [ll.lng, ll.lat];
      },
      moving,
    });
    const position: [number, number] = [s.position[0]!, s.position[1]!];
    this.showCue(s.kind === 'none' ? null : { position, kind: s.kind });
    return { position, kind: s.kind };
  }

  clearCue() {
    this.showCue(null);
  }

  private showCue(cue: SnappedPosition | null) {
    const key = cue ? `${cue.kind}:${cue.position[0]},${cue.position[1]}` : '';
    if (!this.ready() || key === this.cue) return;
    this.cue = key;
    const data: FeatureCollection = cue
      ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: cue.position }, properties: { kind: cue.kind } }] }
      : EMPTY;
    (this.map.getSource(SOURCES.snapCue) as GeoJSONSource).setData(data);
  }
}
