/**
 * What the database said when a statement failed, read the same way on both engines: `pg` and PGlite
 * both put the SQLSTATE in `code` and the violated constraint's name in `constraint`. Callers decide
 * by these two, never by the message text (which is for the server log only).
 */

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

export interface DatabaseFailure {
  /** The five-character SQLSTATE, e.g. '23514' (check_violation). */
  sqlState: string;
  /** The named constraint (or trigger-raised constraint name) that was violated, if any. */
  constraint: string | null;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The SQLSTATE and constraint of a database error, or null for anything that is not one. */
export function databaseFailure(err: unknown): DatabaseFailure | null {
  if (typeof err !== 'object' || err === null || err instanceof SwallowedQueryError) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !SQLSTATE.test(code)) return null;
  const constraint = (err as { constraint?: unknown }).constraint;
  return { sqlState: code, constraint: typeof constraint === 'string' && constraint !== '' ? constraint : null };
}
