import type { Actor } from '../auth/actor';
import { scopeOf } from '../auth/policy';
import type { Executor } from '../db';
import { photoById } from './photos';
import { incidentFacts, incidentInScope } from './store';
import { mayReadPersonal } from './view';

/** A photo the actor may read: their own unattached upload, or a photo of a case whose personal data they may see. */
export async function readablePhoto(db: Executor, actor: Actor, id: number) {
  const photo = await photoById(db, id);
  if (!photo) return null;
  if (photo.incidentId === null) return photo.uploadedById === actor.userId ? photo : null;
  const c = await incidentFacts(db, photo.incidentId);
  return incidentInScope(scopeOf(actor, 'incidents'), c) && mayReadPersonal(actor, c) ? photo : null;
}
