import { describe, expect, it } from 'vitest';
import { buildCommandLayers, LAYER_IDS, MARKERS_AT_ANY_ZOOM, MARKERS_MIN_ZOOM, zoomState, type CommandDeckState, type Marker } from './command-layers';
import { PointBuffers } from './point-buffers';

const markers = (n: number): Marker[] => Array.from({ length: n }, (_, i) => ({ id: i + 1, point: [118.8, 32.05], status: 'accepted' }));
const state = (zoom: number, overdue: Marker[], escalated: Marker[] = []): CommandDeckState => ({
  mode: 'points', points: new PointBuffers().binaryData(), overdue, escalated, workers: [], trails: [], inspections: [], showInspections: false,
  workerTrack: null, highlight: null, escalatedGlyph: '督', ...zoomState(zoom),
});
const visible = (s: CommandDeckState, id: string) => buildCommandLayers(s).find((l) => l.id === id)?.props.visible;

describe('the command map by zoom', () => {
  it('draws the cases smaller zoomed out, and shows workers, trails and finer hexagons zoomed in', () => {
    expect(zoomState(8.6)).toEqual({ showWorkers: false, showTrails: false, hexRadiusM: 1000, caseScale: 0.5, markersZoom: false });
    expect(zoomState(11.5)).toMatchObject({ showWorkers: true, showTrails: false, caseScale: 0.75, markersZoom: false });
    expect(zoomState(MARKERS_MIN_ZOOM)).toMatchObject({ markersZoom: true });
    expect(zoomState(15)).toEqual({ showWorkers: true, showTrails: true, hexRadiusM: 120, caseScale: 1, markersZoom: true });
    const cases = buildCommandLayers(state(8.6, [])).find((l) => l.id === LAYER_IDS.cases)!;
    expect(cases.props).toMatchObject({ radiusScale: 0.5, lineWidthScale: 0.5 });
  });

  it('draws a few overdue and escalated markers at every zoom, a city full of them only from street zoom', () => {
    const few = markers(MARKERS_AT_ANY_ZOOM);
    expect(visible(state(8.6, few, few), LAYER_IDS.overdue)).toBe(true);
    expect(visible(state(8.6, few, few), LAYER_IDS.escalated)).toBe(true);
    const many = markers(MARKERS_AT_ANY_ZOOM + 1);
    expect(visible(state(8.6, many, few), LAYER_IDS.overdue)).toBe(false);
    expect(visible(state(8.6, many, few), LAYER_IDS.escalated)).toBe(true);
    expect(visible(state(MARKERS_MIN_ZOOM, many, many), LAYER_IDS.overdue)).toBe(true);
    expect(visible(state(MARKERS_MIN_ZOOM, many, many), LAYER_IDS.escalated)).toBe(true);
    // The density view has no markers.
    expect(visible({ ...state(15, few, few), mode: 'density' }, LAYER_IDS.overdue)).toBe(false);
  });
});
