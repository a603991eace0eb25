'use client';
import type { StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { useEffect, useRef } from 'react';
import type { MapView } from '@/app/map/state';
import { EditorController, type DraftFeatureProps } from './editor-controller';
import type { KeyboardVertex } from './vertex-keyboard';
import type { EditorMode } from './editor-state';

export interface EditorCanvasProps {
  basemapStyle: string | StyleSpecification | null;
  initialView: MapView | null;
  streetCode: string;
  grids: FeatureCollection<MultiPolygon, DraftFeatureProps>;
  findings: FeatureCollection;
  focusedFinding: number;
  preview: FeatureCollection;
  /** Review comments' places, drawn in magenta. */
  comments: FeatureCollection;
  selectedKeys: string[];
  /** Vertices of the selected grid, offered as drag handles. */
  vertices: Position[];
  /** Snap to grids and community boundaries while drawing and moving vertices. */
  snapping: boolean;
  /** The street's community boundaries (snap targets besides the draft grids). */
  snapBoundaries: MultiPolygon[];
  mode: EditorMode;
  /** A new object each time the map should frame a box. */
  frame: { bbox: [number, number, number, number] } | null;
  locale: Record<string, string>;
  label: string;
  onGridClick: (key: string | null, additive: boolean) => void;
  onDrawn: (geometry: Polygon | LineString, mode: EditorMode) => void;
  onDrawing: (geometry: Polygon | null) => void;
  onVertexMoved: (from: [number, number], to: [number, number]) => void;
  /** The vertex chosen with the keyboard changed, or none is chosen (for the screen-reader announcement). */
  onKeyboardVertex: (v: KeyboardVertex | null) => void;
}

/** The React face of EditorController: created once, then each prop change goes to a setter. */
export default function EditorCanvas(props: EditorCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<EditorController | null>(null);
  const callbacks = useRef(props);
  callbacks.current = props;

  useEffect(() => {
    if (!container.current) return;
    const c = new EditorController({
      container: container.current,
      origin: window.location.origin,
      basemapStyle: props.basemapStyle,
      view: props.initialView,
      streetCode: props.streetCode,
      locale: props.locale,
      onGridClick: (k, a) => callbacks.current.onGridClick(k, a),
      onDrawn: (g, m) => callbacks.current.onDrawn(g, m),
      onDrawing: (g) => callbacks.current.onDrawing(g),
      onVertexMoved: (f, t) => callbacks.current.onVertexMoved(f, t),
      onKeyboardVertex: (v) => callbacks.current.onKeyboardVertex(v),
    });
    controller.current = c;
    return () => {
      controller.current = null;
      c.destroy();
    };
    // Created once; later prop changes go through the setters below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => controller.current?.setGrids(props.grids), [props.grids]);
  useEffect(() => controller.current?.setFindings(props.findings, props.focusedFinding), [props.findings, props.focusedFinding]);
  useEffect(() => controller.current?.setPreview(props.preview), [props.preview]);
  useEffect(() => controller.current?.setComments(props.comments), [props.comments]);
  useEffect(() => controller.current?.setSelection(props.selectedKeys), [props.selectedKeys]);
  useEffect(() => controller.current?.setVertices(props.vertices), [props.vertices]);
  useEffect(() => controller.current?.setMode(props.mode), [props.mode]);
  useEffect(() => controller.current?.setSnapping(props.snapping), [props.snapping]);
  useEffect(() => controller.current?.setSnapBoundaries(props.snapBoundaries), [props.snapBoundaries]);
  useEffect(() => {
    if (props.frame) controller.current?.fitBounds(props.frame.bbox);
  }, [props.frame]);

  return (
    <div
      ref={container}
      className="ed-map-canvas"
      data-map-state="loading"
      data-testid="map"
      data-mode={props.mode}
      role="application"
      aria-label={props.label}
    />
  );
}
