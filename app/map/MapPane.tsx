import type { ReactNode, Ref } from 'react';

/** `data-*` attributes the page's stylesheet or browser tests read (`data-mode`, `data-group`, …). */
type DataAttributes = { [attribute: `data-${string}`]: string | undefined };

export interface MapRegionProps extends DataAttributes {
  ref: Ref<HTMLDivElement>;
  className: string;
  testId: string;
  /** The region's name for screen readers. */
  label: string;
  /** The id of a text that says how to use the map or where its text alternative is. */
  describedBy?: string;
}

/**
 * The element a map controller draws its map in: a named region whose `data-map-state` starts at
 * `loading` and which the controller then keeps at `moving` or `idle` (browser tests wait on it; React
 * never sets it again, as the value it renders does not change).
 */
export function MapRegion({ ref, className, testId, label, describedBy, ...data }: MapRegionProps) {
  return <div ref={ref} className={className} data-map-state="loading" data-testid={testId} role="region" aria-label={label} aria-describedby={describedBy} {...data} />;
}

export interface MapPaneProps extends Omit<MapRegionProps, 'className'> {
  /** The page's class prefix: its stylesheet lays out `{prefix}-map-pane`, `-map-caption`, `-map-frame` and `-map-canvas`. */
  prefix: string;
  /** The map's name shown above it, side by side (hidden from screen readers, who have it as the region's name). */
  caption?: string;
  /** Drawn over the map (a crosshair). */
  children?: ReactNode;
}

/** One of the maps of a page that can show two side by side: its caption, and its map in a frame. */
export function MapPane({ prefix, caption, children, ...region }: MapPaneProps) {
  return (
    <div className={`${prefix}-map-pane`}>
      {caption !== undefined && (
        <p className={`${prefix}-map-caption`} aria-hidden="true">
          {caption}
        </p>
      )}
      <div className={`${prefix}-map-frame`}>
        <MapRegion className={`${prefix}-map-canvas`} {...region} />
        {children}
      </div>
    </div>
  );
}
