'use client';
import type { StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import type { MapLabel, WorkerPosition } from '@/server/services/map-data';
import { MapController, type FlyTarget, type ViewChange } from './controller';
import type { GridFill, LayerId, MapView, Selection } from './state';

export interface MapCanvasProps {
  basemapStyle: string | StyleSpecification | null;
  initialView: MapView;
  layers: LayerId[];
  gridFill: GridFill;
  /** The "as of" day of the grid and address tiles (YYYY-MM-DD); null: now. */
  asOf: string | null;
  selection: Selection | null;
  highlight: [number, number] | null;
  labels: MapLabel[];
  workers: WorkerPosition[];
  /** A new object each time the map should fly (a search result was chosen). */
  flight: { target: FlyTarget } | null;
  locale: Record<string, string>;
  onViewChange: (view: ViewChange) => void;
  onPick: (selection: Selection) => void;
}

/**
 * The React face of MapController: creates it once, then forwards each prop change to a setter.
 * Loaded only in the browser (next/dynamic, ssr: false): MapLibre and deck.gl need WebGL and window.
 */
export default function MapCanvas(props: MapCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  // Callbacks change identity on every render; the controller calls the latest through this ref.
  const callbacks = useRef({ onViewChange: props.onViewChange, onPick: props.onPick });
  callbacks.current = { onViewChange: props.onViewChange, onPick: props.onPick };

  useEffect(() => {
    if (!container.current) return;
    const c = new MapController({
      container: container.current,
      origin: window.location.origin,
      basemapStyle: props.basemapStyle,
      view: props.initialView,
      layers: props.layers,
      gridFill: props.gridFill,
      asOf: props.asOf,
      locale: props.locale,
      onViewChange: (v) => callbacks.current.onViewChange(v),
      onPick: (s) => callbacks.current.onPick(s),
    });
    controller.current = c;
    return () => {
      controller.current = null;
      c.destroy();
    };
    // Created once; later prop changes go through the setters below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => controller.current?.setLayers(props.layers), [props.layers]);
  useEffect(() => controller.current?.setGridFill(props.gridFill), [props.gridFill]);
  useEffect(() => controller.current?.setAsOf(props.asOf), [props.asOf]);
  useEffect(() => controller.current?.setSelection(props.selection, props.highlight), [props.selection, props.highlight]);
  useEffect(() => controller.current?.setLabels(props.labels), [props.labels]);
  useEffect(() => controller.current?.setWorkers(props.workers), [props.workers]);
  useEffect(() => {
    if (props.flight) controller.current?.flyTo(props.flight.target);
  }, [props.flight]);

  return <div ref={container} className="ga-map-canvas" data-map-state="loading" data-testid="map" />;
}
