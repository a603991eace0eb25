'use client';
import type { StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import type { ViewChange } from '@/app/map/controller';
import type { MapView } from '@/app/map/state';
import type { CaseStore } from './case-store';
import { CommandMapController } from './command-controller';
import type { PointMode } from './command-state';
import type { OverdueSite } from './inspections';
import type { ReplayChannel } from './replay-channel';
import type { TrackData } from './worker-day';
import type { TrailPath, WorkerDot } from './workers';

export interface CommandCanvasProps {
  basemapStyle: string | StyleSpecification | null;
  initialView: MapView;
  keySites: boolean;
  /** The live cases (read directly: a feed event redraws the map without a React render). */
  store: CaseStore;
  /** The replay, when one is shown instead of the live cases. */
  replay: ReplayChannel;
  mode: PointMode;
  workers: readonly WorkerDot[];
  trails: readonly TrailPath[];
  /** The open worker panel's track of today. */
  workerTrack: TrackData | null;
  /** The key sites whose inspection is overdue, and whether their rings are shown. */
  inspections: readonly OverdueSite[];
  inspectionsVisible: boolean;
  highlight: [number, number] | null;
  /** A new object each time the map should fly (a feed row was chosen). */
  flight: { point: [number, number] } | null;
  locale: Record<string, string>;
  escalatedGlyph: string;
  describeWorker: (w: WorkerDot) => string;
  describeInspection: (site: OverdueSite) => string;
  onViewChange: (view: ViewChange) => void;
  onPickCase: (id: number) => void;
  onPickWorker: (worker: WorkerDot) => void;
}

/**
 * The React face of CommandMapController: creates it once, wires the case store and the replay channel
 * to it, and forwards prop changes to its setters. Browser only (next/dynamic, ssr: false).
 */
export default function CommandCanvas(props: CommandCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<CommandMapController | null>(null);
  const latestCallbacks = {
    onViewChange: props.onViewChange,
    onPickCase: props.onPickCase,
    onPickWorker: props.onPickWorker,
    describeWorker: props.describeWorker,
    describeInspection: props.describeInspection,
  };
  const callbacks = useRef(latestCallbacks);
  callbacks.current = latestCallbacks;
  const { store, replay } = props;

  useEffect(() => {
    if (!container.current) return;
    const c = new CommandMapController({
      container: container.current,
      origin: window.location.origin,
      basemapStyle: props.basemapStyle,
      view: props.initialView,
      keySites: props.keySites,
      locale: props.locale,
      escalatedGlyph: props.escalatedGlyph,
      onViewChange: (v) => callbacks.current.onViewChange(v),
      onPickCase: (id) => callbacks.current.onPickCase(id),
      onPickWorker: (w) => callbacks.current.onPickWorker(w),
      describeWorker: (w) => callbacks.current.describeWorker(w),
      describeInspection: (site) => callbacks.current.describeInspection(site),
    });
    controller.current = c;
    return () => {
      controller.current = null;
      c.destroy();
    };
    // Created once; later prop changes go through the setters below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The live cases, or the replay's at its moment: whichever is shown feeds the points and the grid shading.
  useEffect(() => {
    const showLive = () => {
      const c = controller.current;
      if (!c || replay.current) return;
      c.setPoints({ points: store.points.binaryData(), idAt: (i) => store.atSlot(i)?.id });
      const m = store.markers();
      c.setMarkers(m.overdue, m.escalated);
      c.setGridCounts(store.openCountsByGrid());
    };
    const showFrame = () => {
      const c = controller.current;
      const frame = replay.current;
      if (!c) return;
      if (!frame) return showLive();
      frame.scene.showAt(frame.t);
      c.setPoints({ points: frame.scene.binaryData(), idAt: (i) => frame.scene.idAt(i) });
      c.setMarkers([], []);
      c.setGridCounts(frame.scene.openCountsByGrid());
    };
    showFrame();
    const offStore = store.subscribe(showLive);
    const offReplay = replay.subscribe(showFrame);
    return () => {
      offStore();
      offReplay();
    };
  }, [store, replay]);

  useEffect(() => controller.current?.setMode(props.mode), [props.mode]);
  useEffect(() => controller.current?.setWorkers(props.workers, props.trails), [props.workers, props.trails]);
  useEffect(() => controller.current?.setWorkerTrack(props.workerTrack), [props.workerTrack]);
  useEffect(() => controller.current?.setInspections(props.inspections, props.inspectionsVisible), [props.inspections, props.inspectionsVisible]);
  useEffect(() => controller.current?.setHighlight(props.highlight), [props.highlight]);
  useEffect(() => controller.current?.setEscalatedGlyph(props.escalatedGlyph), [props.escalatedGlyph]);
  useEffect(() => {
    if (props.flight) controller.current?.flyTo(props.flight.point);
  }, [props.flight]);

  return <div ref={container} className="ga-map-canvas" data-map-state="loading" data-testid="command-map" />;
}
