import { admit, errorResponse } from '@/server/http/route-guard';
import { IncidentError } from '@/server/incidents/errors';
import { readablePhoto } from '@/server/incidents/photos-access';

export const dynamic = 'force-dynamic';

/**
 * GET /api/incidents/photos/{id}: a case's photo, to those who may see the case's personal data (or its
 * uploader while it is unattached). Any other caller gets the same 404 as for a photo that does not exist.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const admission = await admit(request, 'GET /api/incidents/photos/{id}');
  if (!admission.ok) return errorResponse(admission.error);
  const id = Number((await params).id);
  const photo = Number.isSafeInteger(id) && id > 0 ? await readablePhoto(admission.db, admission.actor, id) : null;
  if (!photo) return errorResponse(new IncidentError('PHOTO_NOT_FOUND'));
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      'Content-Type': photo.contentType,
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Content-Disposition': 'inline',
    },
  });
}
