/**
 * Raised when a statement that must describe its result came back with no fields at all.
 * The embedded engine (PGlite + PostGIS) swallows GEOS exceptions this way (pglite issue #916):
 * instead of an error the statement yields no rows and no fields. Treating that as an error is what
 * keeps a failed overlay from passing as "no overlaps found".
 */
export class SwallowedQueryError extends Error {
  readonly code = 'DB_SWALLOWED_ERROR';
  constructor(readonly sql: string) {
    super(
      `The database returned no result description for a query (a geometry error was probably swallowed by the engine): ${sql.slice(0, 200)}`,
    );
    this.name = 'SwallowedQueryError';
  }
}
