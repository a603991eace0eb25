/**
 * A bounded LRU of encoded tiles, bounded by entry count and by total bytes (a dense z10 tile can be
 * hundreds of kB). Entries may carry an expiry for layers that change with the clock.
 */
export interface TileCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

interface Entry {
  bytes: Uint8Array;
  expiresAt: number;
}

export class TileCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly options: TileCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string, now = Date.now()): Uint8Array | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= now) {
      this.bytes -= entry.bytes.byteLength;
      return undefined;
    }
    // Re-insert: Map keeps insertion order, so the oldest key is always the least recently used.
    this.entries.set(key, entry);
    return entry.bytes;
  }

  set(key: string, bytes: Uint8Array, ttlMs = Infinity, now = Date.now()): void {
    if (this.options.maxEntries <= 0 || bytes.byteLength > this.options.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes.byteLength;
    }
    this.entries.set(key, { bytes, expiresAt: now + ttlMs });
    this.bytes += bytes.byteLength;
    while (this.entries.size > this.options.maxEntries || this.bytes > this.options.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldestKey);
      this.bytes -= oldest.bytes.byteLength;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
