import { describe, expect, it } from 'vitest';
import { paintCase } from './case-paint';
import { PointBuffers } from './point-buffers';
import { thinPoints } from './thin-points';

function buffers(points: { lon: number; lat: number; overdue?: boolean; closed?: boolean }[]): PointBuffers {
  const b = new PointBuffers();
  b.reserve(points.length);
  b.length = points.length;
  points.forEach((p, i) => {
    b.setPosition(i, p.lon, p.lat);
    b.setPaint(i, paintCase(p.closed ? 'closed' : 'accepted', p.overdue ?? false));
  });
  return b;
}

const view = { bounds: [118.7, 32.0, 118.9, 32.1] as [number, number, number, number], zoom: 12 };

describe('the cases drawn for a view', () => {
  it('keeps one case per lit cell, the most prominent, in the source order', () => {
    // Three cases within a metre of each other (one cell at zoom 12), one overdue; two apart.
    const b = buffers([
      { lon: 118.8, lat: 32.05, closed: true },
      { lon: 118.80001, lat: 32.05 },
      { lon: 118.8, lat: 32.05001, overdue: true },
      { lon: 118.75, lat: 32.02 },
      { lon: 118.85, lat: 32.08, closed: true },
    ]);
    const t = thinPoints(b.binaryData(), view);
    expect([...t.slotAt]).toEqual([2, 3, 4]);
    expect(t.points.length).toBe(3);
    expect([...t.points.attributes.getPosition.value]).toEqual([118.8, 32.05001, 118.75, 32.02, 118.85, 32.08]);
    expect(t.points.attributes.getRadius.value[0]).toBe(paintCase('accepted', true).radius);
    expect([...t.points.attributes.getFillColor.value.subarray(8, 12)]).toEqual(paintCase('closed', false).fill);
  });

  it('keeps cases within half a view around it and drops those beyond, and the absent ones', () => {
    const b = buffers([{ lon: 118.95, lat: 32.05 }, { lon: 119.2, lat: 32.05 }, { lon: 118.8, lat: 31.9 }, { lon: 118.8, lat: 32.05 }]);
    b.setPaint(3, { fill: [0, 0, 0, 0], line: [0, 0, 0, 0], radius: 0, lineWidth: 0, weight: 0 });
    expect([...thinPoints(b.binaryData(), view).slotAt]).toEqual([0]);
  });

  it('lets every case through when zoomed in far enough that none share a cell', () => {
    const pts = Array.from({ length: 50 }, (_, i) => ({ lon: 118.8 + i * 0.0001, lat: 32.05 }));
    const t = thinPoints(buffers(pts).binaryData(), { bounds: [118.79, 32.04, 118.81, 32.06], zoom: 18 });
    expect(t.slotAt.length).toBe(50);
    // Zoomed out to the city, their 500 metres are under three pixels: two or three cells.
    expect(thinPoints(buffers(pts).binaryData(), { bounds: [118.3, 31.6, 119.3, 32.6], zoom: 8.6 }).slotAt.length).toBeLessThanOrEqual(3);
  });
});
