/**
 * What a scenario re-divides: one district, one street, or a list of communities, named by their codes
 * and inside the caller's planning scope. Resolved to the communities (grids stay inside them) and the
 * streets they belong to (a scenario is promoted street by street).
 */
import type { Executor } from '../db';
import { codeInScope, scopePatterns, type Scope } from '../auth/policy';
import { codeMatchesSql } from '../data/sql';
import { PlannerError } from './errors';

export interface ScopeCommunity {
  id: number;
  code: string;
  name: string;
  streetId: number;
  streetCode: string;
  streetName: string;
}

export interface ResolvedScope {
  codes: string[];
  /** The scope's name for lists: the district's or street's, or the communities' (the first few). */
  name: string;
  communities: ScopeCommunity[];
}

/** Above this many standard addresses a scenario is refused: a district is the largest unit of work. */
export const MAX_SCENARIO_ADDRESSES = 250_000;

const level = (code: string) => (code.length === 6 ? 'district' : code.length === 9 ? 'street' : 'community');

export async function resolveScope(db: Executor, scope: Scope, codes: readonly string[]): Promise<ResolvedScope> {
  const unique = [...new Set(codes)].sort();
  const levels = new Set(unique.map(level));
  // One district or one street alone; communities in any number (of one or more streets).
  if (levels.size !== 1 || (!levels.has('community') && unique.length !== 1)) throw new PlannerError('SCOPE_MIXED');
  // Outside the caller's scope answers as not found: the scope does not tell what exists elsewhere.
  if (!unique.every((c) => codeInScope(scope, c))) throw new PlannerError('SCOPE_NOT_FOUND');
  const rows = await db.query<{ id: number; code: string; name: string; street_id: number; street_code: string; street_name: string; district_name: string }>(
    `SELECT c.id, c.code, c.name, s.id AS street_id, s.code AS street_code, s.name AS street_name, d.name AS district_name
       FROM community c JOIN street s ON s.id = c.street_id JOIN district d ON d.id = s.district_id
      WHERE d.code = ANY ($1::text[]) OR s.code = ANY ($1::text[]) OR c.code = ANY ($1::text[])
      ORDER BY c.code`,
    [unique],
  );
  const found = new Set(rows.flatMap((r) => [r.code, r.street_code, r.street_code.slice(0, 6)]));
  if (rows.length === 0 || !unique.every((c) => found.has(c))) throw new PlannerError('SCOPE_NOT_FOUND');
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM standard_address WHERE community_id = ANY ($1::int[])`, [rows.map((r) => r.id)]);
  if (n > MAX_SCENARIO_ADDRESSES) throw new PlannerError('SCOPE_TOO_LARGE', `${n} > ${MAX_SCENARIO_ADDRESSES}`);
  const first = unique[0]!;
  const name = levels.has('district')
    ? rows[0]!.district_name
    : levels.has('street')
      ? rows[0]!.street_name
      : rows.slice(0, 3).map((r) => r.name).join('、') + (rows.length > 3 ? ` (+${rows.length - 3})` : '');
  return {
    codes: unique,
    name: name || first,
    communities: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, streetId: r.street_id, streetCode: r.street_code, streetName: r.street_name })),
  };
}

export interface PlanningAreas {
  districts: { code: string; name: string }[];
  streets: { code: string; name: string; districtCode: string }[];
  communities: { code: string; name: string; streetCode: string; addresses: number; households: number }[];
}

/** The districts, streets and communities a caller may plan: whole areas inside the planning scope. */
export async function planningAreas(db: Executor, scope: Scope): Promise<PlanningAreas> {
  const patterns = scopePatterns(scope);
  const [districts, streets, communities] = await Promise.all([
    db.query<{ code: string; name: string }>(`SELECT code, name FROM district WHERE ${codeMatchesSql('code', '$1')} ORDER BY code`, [patterns]),
    db.query<{ code: string; name: string; district_code: string }>(
      `SELECT s.code, s.name, d.code AS district_code FROM street s JOIN district d ON d.id = s.district_id WHERE ${codeMatchesSql('s.code', '$1')} ORDER BY s.code`,
      [patterns],
    ),
    db.query<{ code: string; name: string; street_code: string; addresses: number; households: number }>(
      `SELECT c.code, c.name, s.code AS street_code, count(a.id)::int AS addresses, coalesce(sum(a.households), 0)::int AS households
         FROM community c JOIN street s ON s.id = c.street_id LEFT JOIN standard_address a ON a.community_id = c.id
        WHERE ${codeMatchesSql('c.code', '$1')} GROUP BY c.id, s.code ORDER BY c.code`,
      [patterns],
    ),
  ]);
  return {
    districts: districts.map((d) => ({ code: d.code, name: d.name })),
    streets: streets.map((s) => ({ code: s.code, name: s.name, districtCode: s.district_code })),
    communities: communities.map((c) => ({ code: c.code, name: c.name, streetCode: c.street_code, addresses: c.addresses, households: c.households })),
  };
}
