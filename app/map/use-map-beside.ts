import type maplibregl from 'maplibre-gl';
import { useEffect, useRef, type RefObject } from 'react';

/** What the hook needs of a page's map controller. */
interface MapOwner {
  readonly map: maplibregl.Map;
  destroy(): void;
}

/**
 * Keeps two maps on one view: a move of either (pan, zoom, rotation) is copied to the other, and the second
 * takes the first's view now. Returns the unlink.
 */
function linkViews(first: maplibregl.Map, second: maplibregl.Map): () => void {
  // The copy moves the other map, whose own move must not copy back.
  let busy = false;
  const copy = (from: maplibregl.Map, to: maplibregl.Map) => () => {
    if (busy) return;
    busy = true;
    to.jumpTo({ center: from.getCenter(), zoom: from.getZoom(), bearing: from.getBearing(), pitch: from.getPitch() });
    busy = false;
  };
  const a = copy(first, second);
  const b = copy(second, first);
  first.on('move', a);
  second.on('move', b);
  a();
  return () => {
    first.off('move', a);
    second.off('move', b);
  };
}

/**
 * A second map side by side with the first (the plan's grids beside those in force, the scenario beside
 * today's grids): while `beside`, `open` makes its controller in `container`, and the two keep one view;
 * otherwise there is none. `close` undoes what `open` did to the first map. The first map changes size
 * when the second comes and goes, so it is resized: at once, and on the next frame once the row is back.
 * Returns the second controller, null while there is none (for the page's setters).
 */
export function useMapBeside<C extends MapOwner>(
  beside: boolean,
  container: RefObject<HTMLElement | null>,
  firstRef: RefObject<C | null>,
  open: (container: HTMLElement, first: C) => C,
  close?: (first: C) => void,
): RefObject<C | null> {
  const second = useRef<C | null>(null);
  useEffect(() => {
    const first = firstRef.current;
    if (!beside || !container.current || !first) return;
    const c = open(container.current, first);
    second.current = c;
    first.map.resize();
    const unlink = linkViews(first.map, c.map);
    return () => {
      unlink();
      second.current = null;
      c.destroy();
      close?.(first);
      requestAnimationFrame(() => firstRef.current?.map.resize());
    };
    // Only `beside` makes or drops the second map; `open` and `close` read the page's latest props.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [beside]);
  return second;
}
