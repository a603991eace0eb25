/**
 * Where an import stands, from the browser's upload events and the server's progress lines: uploading
 * (bytes sent), then the server reading the rest of the file, placing the rows in their communities,
 * linking them to grids and writing them. The server reads the body as it arrives, so its "reading"
 * lines come during the upload; the browser's own count of bytes sent is the finer one then, and the
 * server's lines only count once the upload is over.
 */
import type { ProgressEvent } from './import-stream';

export type ImportStage =
  | { phase: 'uploading'; loaded: number; total: number }
  | { phase: 'reading'; bytes: number | null; total: number | null }
  | { phase: 'placing' | 'linking' | 'writing'; done: number; total: number };

export type StageEvent = { upload: { loaded: number; total: number } } | { uploaded: true } | { progress: ProgressEvent };

const ORDER: Record<ImportStage['phase'], number> = { uploading: 0, reading: 1, placing: 2, linking: 3, writing: 4 };

/** The stage after `event`; the phases only move forward (a late upload event changes nothing). */
export function nextStage(current: ImportStage | null, event: StageEvent): ImportStage | null {
  const at = current ? ORDER[current.phase] : -1;
  if ('upload' in event) return at <= ORDER.uploading ? { phase: 'uploading', loaded: event.upload.loaded, total: event.upload.total } : current;
  if ('uploaded' in event) return at <= ORDER.uploading ? { phase: 'reading', bytes: null, total: null } : current;
  const p = event.progress;
  if (p.phase === 'reading') return at === ORDER.reading || at < 0 ? { phase: 'reading', bytes: p.bytes, total: p.total } : current;
  return ORDER[p.phase] >= at ? { phase: p.phase, done: p.done, total: p.total } : current;
}

/**
 * The bar of a stage: a fraction done, or null when the server gives no measure (linking and writing
 * are one statement each; reading after the upload is parsing what has arrived).
 */
export function stageFraction(stage: ImportStage): number | null {
  const part = (n: number, of: number | null) => (of && of > 0 ? Math.min(1, Math.max(0, n / of)) : null);
  switch (stage.phase) {
    case 'uploading':
      return part(stage.loaded, stage.total);
    case 'reading':
      return stage.bytes === null ? null : part(stage.bytes, stage.total);
    case 'placing':
      return part(stage.done, stage.total);
    case 'linking':
    case 'writing':
      return null;
  }
}

/** The live line moves in tenths, so that a screen reader hears a few steps of an upload, not every event. */
export const announcedPercent = (fraction: number) => Math.min(100, Math.floor(Math.max(0, fraction) * 10) * 10);

const MB = 1024 * 1024;
/** Megabytes with one decimal, as the status line shows sizes. */
export const inMegabytes = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
