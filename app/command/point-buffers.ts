/**
 * The cases as deck.gl reads them: one slot per case in typed arrays (position, fill, ring, radius, ring
 * width, density weight), handed to the layers as binary attributes. A change writes into the arrays in
 * place and bumps a version; binaryData() hands out new attribute descriptors only for the arrays that
 * changed, so deck.gl uploads those alone (it compares the descriptor objects) and 100,000 cases cost no
 * per-frame arrays and no accessor calls.
 */
import type { CasePaint } from './case-paint';

export interface BinaryAttribute {
  value: Float64Array | Float32Array | Uint8Array;
  size: number;
  normalized?: boolean;
}

/** deck.gl's binary data form: a length and an attribute per accessor. */
export interface BinaryPoints {
  length: number;
  attributes: {
    getPosition: BinaryAttribute;
    getFillColor: BinaryAttribute;
    getLineColor: BinaryAttribute;
    getRadius: BinaryAttribute;
    getLineWidth: BinaryAttribute;
    getColorWeight: BinaryAttribute;
  };
}

type Column = 'position' | 'paint';

export class PointBuffers {
  length = 0;
  private capacity = 0;
  positions = new Float64Array(0);
  fill = new Uint8Array(0);
  line = new Uint8Array(0);
  radius = new Float32Array(0);
  lineWidth = new Float32Array(0);
  weight = new Float32Array(0);
  private readonly versions: Record<Column, number> = { position: 0, paint: 0 };
  private cached: { versions: Record<Column, number>; length: number; data: BinaryPoints } | null = null;

  /** Room for `n` slots (grows by half again, copying what is there). */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    const cap = Math.max(n, Math.ceil(this.capacity * 1.5), 1024);
    const grow = <T extends Float64Array | Float32Array | Uint8Array>(old: T, per: number, make: (len: number) => T): T => {
      const next = make(cap * per);
      next.set(old.subarray(0, this.length * per));
      return next;
    };
    this.positions = grow(this.positions, 2, (l) => new Float64Array(l));
    this.fill = grow(this.fill, 4, (l) => new Uint8Array(l));
    this.line = grow(this.line, 4, (l) => new Uint8Array(l));
    this.radius = grow(this.radius, 1, (l) => new Float32Array(l));
    this.lineWidth = grow(this.lineWidth, 1, (l) => new Float32Array(l));
    this.weight = grow(this.weight, 1, (l) => new Float32Array(l));
    this.capacity = cap;
    // New arrays: every descriptor is new.
    this.versions.position++;
    this.versions.paint++;
  }

  setPosition(slot: number, lon: number, lat: number): void {
    if (this.positions[slot * 2] === lon && this.positions[slot * 2 + 1] === lat) return;
    this.positions[slot * 2] = lon;
    this.positions[slot * 2 + 1] = lat;
    this.versions.position++;
  }

  setPaint(slot: number, p: CasePaint): void {
    this.fill.set(p.fill, slot * 4);
    this.line.set(p.line, slot * 4);
    this.radius[slot] = p.radius;
    this.lineWidth[slot] = p.lineWidth;
    this.weight[slot] = p.weight;
    this.versions.paint++;
  }

  /** Copies slot `from` into slot `to` (a removal fills its hole with the last slot). */
  move(from: number, to: number): void {
    if (from === to) return;
    this.positions.copyWithin(to * 2, from * 2, from * 2 + 2);
    this.fill.copyWithin(to * 4, from * 4, from * 4 + 4);
    this.line.copyWithin(to * 4, from * 4, from * 4 + 4);
    this.radius[to] = this.radius[from]!;
    this.lineWidth[to] = this.lineWidth[from]!;
    this.weight[to] = this.weight[from]!;
    this.versions.position++;
    this.versions.paint++;
  }

  /** The binary data of the current slots; the same object while nothing changed. */
  binaryData(): BinaryPoints {
    const c = this.cached;
    if (c && c.length === this.length && c.versions.position === this.versions.position && c.versions.paint === this.versions.paint) return c.data;
    const positionsChanged = !c || c.versions.position !== this.versions.position;
    const paintChanged = !c || c.versions.paint !== this.versions.paint;
    const a = c?.data.attributes;
    const attributes: BinaryPoints['attributes'] = {
      getPosition: positionsChanged || !a ? { value: this.positions, size: 2 } : a.getPosition,
      getFillColor: paintChanged || !a ? { value: this.fill, size: 4, normalized: true } : a.getFillColor,
      getLineColor: paintChanged || !a ? { value: this.line, size: 4, normalized: true } : a.getLineColor,
      getRadius: paintChanged || !a ? { value: this.radius, size: 1 } : a.getRadius,
      getLineWidth: paintChanged || !a ? { value: this.lineWidth, size: 1 } : a.getLineWidth,
      getColorWeight: paintChanged || !a ? { value: this.weight, size: 1 } : a.getColorWeight,
    };
    const data = { length: this.length, attributes };
    this.cached = { versions: { ...this.versions }, length: this.length, data };
    return data;
  }
}
