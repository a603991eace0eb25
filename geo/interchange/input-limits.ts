/**
 * Limits on untrusted grid files. A grid is a few hundred vertices at most in practice (a hand-traced
 * community block); the limits leave room for traced CAD boundaries while keeping memory bounded.
 */
export interface InputLimits {
  /** Features (grids) in one file. */
  maxFeatures: number;
  /** Vertices (positions, closing ones included) in one grid, all rings and parts together. */
  maxVerticesPerGrid: number;
  /** Vertices in the whole file. */
  maxVerticesPerFile: number;
  /** Characters in one text property (name, code...). */
  maxPropertyLength: number;
  /** Bytes of the uploaded file itself (the HTTP layer maps FILE_TOO_LARGE to 413). */
  maxInputBytes: number;
  /** Bytes of all archive entries once uncompressed (zip bombs). */
  maxUncompressedBytes: number;
  /** Entries in a zip archive. */
  maxArchiveEntries: number;
  /** Errors reported before the list is cut short with INPUT_TOO_MANY_ERRORS. */
  maxErrors: number;
}

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxFeatures: 20_000,
  maxVerticesPerGrid: 20_000,
  maxVerticesPerFile: 2_000_000,
  maxPropertyLength: 200,
  maxInputBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxArchiveEntries: 64,
  maxErrors: 200,
});

export function resolveLimits(limits?: Partial<InputLimits>): InputLimits {
  return { ...DEFAULT_INPUT_LIMITS, ...(limits ?? {}) };
}
