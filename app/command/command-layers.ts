/**
 * The command map's deck.gl layers as data: pure factories with stable ids, from the state the controller
 * holds. The cases are binary attributes (point-buffers.ts): no accessor runs per case, and only the
 * arrays that changed are uploaded. The overdue and escalated cases are small object lists drawn on top.
 * The open worker panel's track of today is binary too (one typed array, worker-day.ts).
 */
import type { Layer } from '@deck.gl/core';
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { buildHighlightLayer } from '@/app/map/deck-layers';
import { WORKERS_MIN_ZOOM } from '@/app/map/state';
import { LABEL_FONT_FAMILY } from '@/app/map/palette';
import { CASE_RADIUS, OVERDUE_RGB, PHASE_RGB } from './case-paint';
import type { CaseRecord } from './case-store';
import {
  DENSITY_RANGE,
  ESCALATED_COLOUR,
  INSPECTION_OVERDUE_COLOUR,
  INSPECTION_RING_RADIUS,
  TRAIL_COLOUR,
  WORKER_DUTY_COLOURS,
  WORKER_LOAD_RING,
  WORKER_LOAD_RING_COLOUR,
  WORKER_TRACK_COLOUR,
} from './command-palette';
import type { PointMode } from './command-state';
import type { OverdueSite } from './inspections';
import type { BinaryPoints } from './point-buffers';
import type { TrackData } from './worker-day';
import { TRAILS_MIN_ZOOM, type TrailPath, type WorkerDot } from './workers';

export const LAYER_IDS = {
  cases: 'cmd-cases',
  density: 'cmd-density',
  overdue: 'cmd-overdue',
  escalated: 'cmd-escalated',
  inspections: 'cmd-inspections-overdue',
  trails: 'cmd-trails',
  workerTrackCasing: 'cmd-worker-track-casing',
  workerTrack: 'cmd-worker-track',
  workers: 'cmd-workers',
  highlight: 'cmd-highlight',
} as const;

/** A marker of one case (overdue, escalated): the few drawn over the rest. */
export type Marker = Pick<CaseRecord, 'id' | 'point' | 'status'>;

/** What the command map draws that depends on the zoom (the controller sets it at each moveend). */
export interface ZoomState {
  /** Workers from this zoom, their trails from street zoom. */
  showWorkers: boolean;
  showTrails: boolean;
  /** The radius of the density view's hexagons in metres (coarser when zoomed out). */
  hexRadiusM: number;
  /** The cases' radii and rings are scaled by this: smaller when zoomed out (see caseScaleFor). */
  caseScale: number;
  /** From MARKERS_MIN_ZOOM on, the overdue and escalated markers are drawn however many they are. */
  markersZoom: boolean;
}

/**
 * Below this zoom the overdue and escalated markers are drawn only while they are few: a whole city of
 * them is one red blot that buries the map (and costs a software renderer seconds a frame); the cases'
 * own red rings still show every overdue case.
 */
export const MARKERS_MIN_ZOOM = 12;
/** Up to this many overdue (or escalated) cases, their markers are drawn at every zoom. */
export const MARKERS_AT_ANY_ZOOM = 1000;

export interface CommandDeckState extends ZoomState {
  mode: PointMode;
  /** The cases drawn: the live ones, or the replay's at its moment. */
  points: BinaryPoints;
  overdue: readonly Marker[];
  escalated: readonly Marker[];
  workers: readonly WorkerDot[];
  trails: readonly TrailPath[];
  /** The key sites whose inspection is overdue, and whether their rings are shown (the viewer's toggle). */
  inspections: readonly OverdueSite[];
  showInspections: boolean;
  /** The track of today of the worker whose panel is open (null: none open, or no line yet). */
  workerTrack: TrackData | null;
  highlight: [number, number] | null;
  /** The character of the 督办 flag ('督', or '!' in English). */
  escalatedGlyph: string;
}

export function buildCaseLayer(points: BinaryPoints, scale: number): Layer {
  return new ScatterplotLayer({
    id: LAYER_IDS.cases,
    data: points,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    radiusScale: scale,
    lineWidthScale: scale,
    radiusMinPixels: 1.5,
    stroked: true,
    filled: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 106, 0, 200],
  });
}

/** Open cases count 1, closed ones CLOSED_WORKLOAD_WEIGHT (the weight attribute), summed per hexagon. */
export function buildDensityLayer(points: BinaryPoints, radiusM: number): Layer {
  return new HexagonLayer({
    id: LAYER_IDS.density,
    data: points,
    radius: radiusM,
    coverage: 0.92,
    extruded: false,
    opacity: 0.7,
    colorRange: DENSITY_RANGE,
    colorAggregation: 'SUM',
    colorScaleType: 'quantize',
    gpuAggregation: true,
    pickable: false,
  });
}

/** Overdue cases again on top of the rest, so a dense area cannot bury one. */
export function buildOverdueLayer(markers: readonly Marker[], visible: boolean): Layer {
  return new ScatterplotLayer<Marker>({
    id: LAYER_IDS.overdue,
    data: markers,
    visible,
    getPosition: (d) => d.point,
    getFillColor: PHASE_RGB.open,
    getLineColor: OVERDUE_RGB,
    getRadius: CASE_RADIUS.overdue,
    getLineWidth: 3,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 106, 0, 200],
  });
}

/** The 督办 flag: a character above the escalated case, drawn from the local font (no glyph server). */
export function buildEscalatedLayer(markers: readonly Marker[], visible: boolean, glyph: string): Layer {
  return new TextLayer<Marker>({
    id: LAYER_IDS.escalated,
    data: markers,
    visible,
    getPosition: (d) => d.point,
    getText: () => glyph,
    getSize: 13,
    getColor: ESCALATED_COLOUR,
    getPixelOffset: [0, -14],
    characterSet: [...glyph],
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 700,
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 240],
    sizeUnits: 'pixels',
    parameters: { depthCompare: 'always' },
    pickable: true,
    updateTriggers: { getText: glyph },
  });
}

export function buildWorkerLayer(workers: readonly WorkerDot[], visible: boolean): Layer {
  const loaded = (d: WorkerDot) => d.load >= WORKER_LOAD_RING;
  return new ScatterplotLayer<WorkerDot>({
    id: LAYER_IDS.workers,
    data: workers,
    visible,
    getPosition: (d) => [d.lon, d.lat],
    getFillColor: (d) => (d.onDuty ? WORKER_DUTY_COLOURS.onDuty : WORKER_DUTY_COLOURS.offDuty),
    getLineColor: (d) => (loaded(d) ? WORKER_LOAD_RING_COLOUR : [255, 255, 255]),
    // A part-time worker's dot is smaller than a full-time one's.
    getRadius: (d) => (loaded(d) ? 7 : d.employment === 'full_time' ? 5.5 : 4.5),
    getLineWidth: (d) => (loaded(d) ? 3 : 1.5),
    stroked: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 106, 0, 220],
  });
}

export function buildTrailLayer(trails: readonly TrailPath[], visible: boolean): Layer {
  return new PathLayer<TrailPath>({
    id: LAYER_IDS.trails,
    data: trails,
    visible,
    getPath: (d) => d.path,
    getColor: (d) => (d.onDuty === false ? [...WORKER_DUTY_COLOURS.offDuty, 140] : TRAIL_COLOUR),
    getWidth: 2.5,
    widthUnits: 'pixels',
    capRounded: true,
    jointRounded: true,
    pickable: false,
  });
}

/** Key sites whose inspection is overdue: a violet ring (faintly filled, so a click inside it picks it). */
export function buildInspectionLayer(sites: readonly OverdueSite[], visible: boolean): Layer {
  return new ScatterplotLayer<OverdueSite>({
    id: LAYER_IDS.inspections,
    data: sites,
    visible,
    getPosition: (d) => d.point,
    getRadius: INSPECTION_RING_RADIUS,
    radiusUnits: 'pixels',
    filled: true,
    getFillColor: [...INSPECTION_OVERDUE_COLOUR, 28],
    stroked: true,
    getLineColor: [...INSPECTION_OVERDUE_COLOUR, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [...INSPECTION_OVERDUE_COLOUR, 90],
  });
}

const NO_TRACK: readonly never[] = [];
const NO_MARKERS: readonly Marker[] = [];

/** The open worker panel's track of today: orange over a white casing, wider than the trails. */
export function buildWorkerTrackLayers(track: TrackData | null): Layer[] {
  const common = {
    data: track ?? NO_TRACK,
    visible: track !== null,
    positionFormat: 'XY' as const,
    // The path is one line as the server recorded it: no normalisation pass over thousands of points.
    _pathType: 'open' as const,
    widthUnits: 'pixels' as const,
    capRounded: true,
    jointRounded: true,
    pickable: false,
  };
  return [
    new PathLayer({ ...common, id: LAYER_IDS.workerTrackCasing, getColor: [255, 255, 255, 230], getWidth: 7 }),
    new PathLayer({ ...common, id: LAYER_IDS.workerTrack, getColor: [...WORKER_TRACK_COLOUR, 240], getWidth: 4 }),
  ];
}

export function buildCommandLayers(s: CommandDeckState): Layer[] {
  const points = s.mode === 'points';
  const markers = (list: readonly Marker[]) => points && (s.markersZoom || list.length <= MARKERS_AT_ANY_ZOOM);
  // A hidden layer still lays out its data whenever it changes (tens of thousands of glyphs): none then.
  const shown = (list: readonly Marker[]) => (markers(list) ? list : NO_MARKERS);
  // The view not shown is left out, not hidden: deck.gl would still aggregate 100,000 cases for it.
  return [
    points ? buildCaseLayer(s.points, s.caseScale) : buildDensityLayer(s.points, s.hexRadiusM),
    buildOverdueLayer(shown(s.overdue), markers(s.overdue)),
    buildInspectionLayer(s.inspections, s.showInspections),
    buildTrailLayer(s.trails, s.showTrails),
    ...buildWorkerTrackLayers(s.workerTrack),
    buildWorkerLayer(s.workers, s.showWorkers),
    buildEscalatedLayer(shown(s.escalated), markers(s.escalated), s.escalatedGlyph),
    buildHighlightLayer(s.highlight, LAYER_IDS.highlight),
  ];
}

/** The density hexagons' radius for a zoom: about a street block when zoomed in, a neighbourhood out. */
export const hexRadiusFor = (zoom: number): number => (zoom >= 14 ? 120 : zoom >= 12.5 ? 250 : zoom >= 11 ? 500 : 1000);

/**
 * The cases' size for a zoom: full size from street zoom, half over the whole city. Zoomed out, 100,000
 * dots of full size overlap into one mass (the grid shading and the density view say more there), and
 * every covered pixel is drawn again for each dot over it.
 */
export const caseScaleFor = (zoom: number): number => (zoom >= 13 ? 1 : zoom >= 11 ? 0.75 : 0.5);

export const zoomState = (zoom: number): ZoomState => ({
  showWorkers: zoom >= WORKERS_MIN_ZOOM,
  showTrails: zoom >= TRAILS_MIN_ZOOM,
  hexRadiusM: hexRadiusFor(zoom),
  caseScale: caseScaleFor(zoom),
  markersZoom: zoom >= MARKERS_MIN_ZOOM,
});
