/**
 * Whose step a move is (geo/incidents/incident-states.ts names the duty of each action): the command
 * centre's over the case's grid, the handler's (the worker the case is dispatched to), or the verifier's
 * (the grid's own worker). The command centre may record a handler's step for a case dispatched to a
 * department, and verify where the grid has no worker of its own.
 */
import type { IncidentDuty } from '@/geo/incidents/incident-states';
import type { Actor } from '../auth/actor';
import { codeInScope, scopeOf } from '../auth/policy';
import { workerIdsOf, type IncidentLock } from './store';

/** Whether the actor runs the loop over the case's grid from the command centre. */
export function commandsCase(actor: Actor, c: Pick<IncidentLock, 'gridCode'>): boolean {
  const scope = scopeOf(actor, 'incident_command');
  if (!scope) return false;
  return c.gridCode ? codeInScope(scope, c.gridCode) : scope.all;
}

export function holdsDuty(actor: Actor, duty: IncidentDuty, c: IncidentLock): boolean {
  const handles = scopeOf(actor, 'incident_handle') !== null;
  const mine = workerIdsOf(actor);
  switch (duty) {
    case 'command':
      return commandsCase(actor, c);
    case 'handler':
      if (c.handlerWorkerId !== null) return handles && mine.includes(c.handlerWorkerId);
      return commandsCase(actor, c);
    case 'verifier':
      if (c.gridWorkerId !== null) return handles && mine.includes(c.gridWorkerId);
      return commandsCase(actor, c);
  }
}
