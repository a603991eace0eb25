/**
 * Users for tests: created straight in the tables with one precomputed password hash (scrypt takes a
 * third of a second; a matrix of users would otherwise spend its time hashing), and signed in through
 * the real session code.
 */
import type { Db, Executor } from '../db';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import type { DataLayer, JurisdictionLevel, Role } from '../auth/roles';
import { createSession, resolveSession } from '../auth/sessions';

export const TEST_PASSWORD = 'test-password-1';
let hash: Promise<string> | undefined;
const testHash = () => (hash ??= hashPassword(TEST_PASSWORD));

export interface TestGrant {
  role: Role;
  level: JurisdictionLevel;
  /** The area's code (city, district or street). */
  code: string;
  workerId?: number;
  layers?: DataLayer[];
}

/** Inserts a user with grants; returns its id. */
export async function createTestUser(db: Executor, username: string, grants: TestGrant[] = []): Promise<number> {
  const [u] = await db.query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, password_hash) VALUES ($1, $1, $2) RETURNING id`,
    [username, await testHash()],
  );
  for (const g of grants) {
    await db.execute(
      `INSERT INTO user_grant (user_id, role, level, city_id, district_id, street_id, worker_id, layers)
       SELECT $1, $2, $3,
              (SELECT id FROM city WHERE $3 = 'city' AND code = $4), (SELECT id FROM district WHERE $3 = 'district' AND code = $4),
              (SELECT id FROM street WHERE $3 = 'street' AND code = $4), $5, $6::text[]`,
      [u!.id, g.role, g.level, g.code, g.workerId ?? null, g.layers ?? null],
    );
  }
  return u!.id;
}

/** A signed-in session of the user: its cookie token and the actor the server resolves from it. */
export async function signInTestUser(db: Db, userId: number, at = new Date()): Promise<{ token: string; actor: Actor }> {
  const { token } = await createSession(db, userId, { address: 'test', userAgent: 'vitest', at });
  const session = await resolveSession(db, token, at);
  if (session.state !== 'active') throw new Error('test session did not resolve');
  return { token, actor: session.actor };
}

/**
 * An actor held in memory, for service tests that need no session: its grants over the given
 * jurisdictions (ids are not looked up; codes decide scopes).
 */
export function actorWith(grants: (Pick<TestGrant, 'role' | 'level' | 'code' | 'workerId' | 'layers'> & { gridCodes?: string[] })[]): Actor {
  return {
    userId: 0,
    username: 'test-actor',
    displayName: 'test-actor',
    sessionId: 0,
    mustChangePassword: false,
    grants: grants.map((g) => ({
      role: g.role,
      jurisdiction: { level: g.level, id: 0, code: g.code, name: g.code },
      workerId: g.workerId ?? null,
      gridCodes: g.gridCodes ?? [],
      layers: g.layers ?? null,
    })),
  };
}
