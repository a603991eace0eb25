/**
 * A grant as the administrator edits it (a role over a jurisdiction, a grid worker's worker record, a
 * department reader's layers), and the rules of server/auth/roles.ts applied while they choose, so the
 * form only offers combinations the server accepts. The server still checks every grant it is sent.
 */
import type { Grant } from '@/server/auth/actor';
import { ROLE_LEVELS, type DataLayer, type JurisdictionLevel, type Role } from '@/server/auth/roles';

export interface GrantDraft {
  role: Role;
  level: JurisdictionLevel;
  jurisdictionId: number | null;
  workerId: number | null;
  layers: DataLayer[];
}

export const newGrant = (): GrantDraft => ({ role: 'street_editor', level: 'street', jurisdictionId: null, workerId: null, layers: [] });

export const draftOf = (g: Grant): GrantDraft => ({
  role: g.role,
  level: g.jurisdiction.level,
  jurisdictionId: g.jurisdiction.id,
  workerId: g.workerId,
  layers: g.layers ?? [],
});

/** A new role keeps the level (and jurisdiction) when it may be held there, else takes its first level. */
export function withRole(g: GrantDraft, role: Role): GrantDraft {
  const keeps = ROLE_LEVELS[role].includes(g.level);
  return { ...g, role, level: keeps ? g.level : ROLE_LEVELS[role][0]!, jurisdictionId: keeps ? g.jurisdictionId : null, workerId: null };
}

export const withLevel = (g: GrantDraft, level: JurisdictionLevel): GrantDraft => ({ ...g, level, jurisdictionId: null, workerId: null });

/** A grid worker's record belongs to one street: choosing another street clears it. */
export const withJurisdiction = (g: GrantDraft, jurisdictionId: number | null): GrantDraft => ({ ...g, jurisdictionId, workerId: null });

export type GrantProblem = 'chooseJurisdiction' | 'chooseWorker' | 'chooseLayers';

/** What the grant still lacks before it can be sent, if anything. */
export function grantProblem(g: GrantDraft): GrantProblem | null {
  if (g.jurisdictionId === null) return 'chooseJurisdiction';
  if (g.role === 'grid_worker' && g.workerId === null) return 'chooseWorker';
  if (g.role === 'department_reader' && g.layers.length === 0) return 'chooseLayers';
  return null;
}

/** The grant as admin.createUser and admin.setGrants take it (call after grantProblem says nothing). */
export function grantInput(g: GrantDraft) {
  return {
    role: g.role,
    level: g.level,
    jurisdictionId: g.jurisdictionId!,
    ...(g.role === 'grid_worker' ? { workerId: g.workerId } : {}),
    ...(g.role === 'department_reader' ? { layers: g.layers } : {}),
  };
}
