import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { MapLabel, WorkerPosition } from '@/server/services/map-data';
import { LABEL_FONT_FAMILY, LABEL_STYLE, WORKER_COLOURS } from './palette';

/**
 * deck.gl layers as data: pure factories with stable ids, rebuilt as new arrays on every state change
 * (deck.gl diffs layers by id and props shallowly).
 */
export interface DeckState {
  labels: MapLabel[];
  workers: WorkerPosition[];
  showWorkers: boolean;
  /** A picked point (address, key site, incident, worker) to ring. */
  highlight: [number, number] | null;
}

export const WORKER_LAYER_ID = 'ga-workers';

export function buildLabelLayer(labels: MapLabel[]): Layer {
  return new TextLayer<MapLabel>({
    id: 'ga-labels',
    data: labels,
    getPosition: (d) => [d.lon, d.lat],
    getText: (d) => d.name,
    getSize: (d) => LABEL_STYLE[d.level].size,
    getColor: (d) => LABEL_STYLE[d.level].colour,
    // Glyph atlas built in the browser from the local CJK font; no glyph server involved.
    characterSet: 'auto',
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 600,
    fontSettings: { sdf: true, fontSize: 64, buffer: 6 },
    outlineWidth: 4,
    outlineColor: [255, 255, 255, 230],
    sizeUnits: 'pixels',
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    parameters: { depthCompare: 'always' },
    pickable: false,
  });
}

export function buildWorkerLayer(workers: WorkerPosition[], visible: boolean): Layer {
  return new ScatterplotLayer<WorkerPosition>({
    id: WORKER_LAYER_ID,
    data: workers,
    visible,
    getPosition: (d) => [d.lon, d.lat],
    getFillColor: (d) => WORKER_COLOURS[d.employment],
    getLineColor: (d) => (d.grids >= 2 ? [193, 18, 31] : [255, 255, 255]),
    getRadius: (d) => (d.employment === 'full_time' ? 6 : 4.5),
    getLineWidth: (d) => (d.grids >= 2 ? 2.5 : 1.5),
    stroked: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 106, 0, 220],
  });
}

/** The orange ring round the picked point (the map's, the command centre's). */
export function buildHighlightLayer(point: [number, number] | null, id = 'ga-highlight'): Layer {
  return new ScatterplotLayer<[number, number]>({
    id,
    data: point ? [point] : [],
    getPosition: (d) => d,
    getRadius: 14,
    radiusUnits: 'pixels',
    filled: false,
    stroked: true,
    getLineColor: [255, 106, 0],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}

export function buildDeckLayers(state: DeckState): Layer[] {
  return [buildWorkerLayer(state.workers, state.showWorkers), buildHighlightLayer(state.highlight), buildLabelLayer(state.labels)];
}
