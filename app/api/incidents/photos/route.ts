import { readBodyWithin } from '@/server/http/body';
import { admit, errorResponse } from '@/server/http/route-guard';
import { IncidentError } from '@/server/incidents/errors';
import { PHOTO_MAX_BYTES, storePhoto } from '@/server/incidents/photos';
import { DomainError } from '@/server/errors/domain-error';

export const dynamic = 'force-dynamic';

/**
 * POST /api/incidents/photos: one photo as the request body (its bytes decide the type, not the header).
 * Stored unattached, owned by the caller; a report or a step of a case then names it by id.
 * Answers { id, contentType, width, height, bytes }.
 */
export async function POST(request: Request) {
  const admission = await admit(request, 'POST /api/incidents/photos');
  if (!admission.ok) return errorResponse(admission.error);
  const body = await readBodyWithin(request, PHOTO_MAX_BYTES);
  if (!body.ok) return errorResponse(new IncidentError('PHOTO_TOO_LARGE'));
  try {
    const stored = await storePhoto(admission.db, admission.actor.userId, body.bytes, admission.at);
    return Response.json(stored, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    if (e instanceof DomainError) return errorResponse(e);
    throw e;
  }
}
