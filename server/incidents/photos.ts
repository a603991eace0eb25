/**
 * Photos of a case (the report's, the handler's, the verifier's), stored by the app in the database,
 * outside the web root, and served only to those who may see the case. An upload is checked by its
 * content (the bytes must decode as a JPEG, PNG or WebP image, whatever the request claims) and size, and
 * re-encoded without its metadata: a phone's EXIF carries the place and the device, which are personal.
 */
import { createHash } from 'node:crypto';
import sharp, { type OutputInfo } from 'sharp';
import type { Executor } from '../db';
import { IncidentError } from './errors';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTOS_PER_STEP = 6;
/** A photo of more pixels than this is refused before it is decoded (a decompression bomb). */
const MAX_PIXELS = 50_000_000;
/** The longest side a stored photo keeps; larger ones are scaled down. */
const MAX_SIDE = 2560;

const FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
type Format = keyof typeof FORMATS;

export interface StoredPhoto {
  id: number;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
}

/** Checks and stores one upload of `userId`, not yet attached to a case. */
export async function storePhoto(db: Executor, userId: number, bytes: Uint8Array, at: Date): Promise<StoredPhoto> {
  if (bytes.byteLength > PHOTO_MAX_BYTES) throw new IncidentError('PHOTO_TOO_LARGE');
  if (bytes.byteLength === 0) throw new IncidentError('PHOTO_NOT_AN_IMAGE');
  let clean: { data: Buffer; info: OutputInfo };
  let format: Format;
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
    const meta = await image.metadata();
    if (!meta.format || !(meta.format in FORMATS)) throw new IncidentError('PHOTO_NOT_AN_IMAGE');
    format = meta.format as Format;
    // rotate() applies the EXIF orientation before the metadata is dropped (sharp keeps none by default).
    clean = await image.rotate().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true }).toFormat(format).toBuffer({ resolveWithObject: true });
  } catch (e) {
    if (e instanceof IncidentError) throw e;
    throw new IncidentError('PHOTO_NOT_AN_IMAGE');
  }
  if (clean.data.byteLength > PHOTO_MAX_BYTES) throw new IncidentError('PHOTO_TOO_LARGE');
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO incident_photo (uploaded_by_id, uploaded_at, content_type, bytes, sha256, width, height)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [userId, at, FORMATS[format], clean.data, createHash('sha256').update(clean.data).digest('hex'), clean.info.width, clean.info.height],
  );
  return { id: row!.id, contentType: FORMATS[format], width: clean.info.width, height: clean.info.height, bytes: clean.data.byteLength };
}

/**
 * Attaches the caller's own unattached uploads to a case and the event that used them. Any id that is
 * not one (someone else's, already attached, unknown) refuses the whole step.
 */
export async function attachPhotos(tx: Executor, photoIds: readonly number[], userId: number, incidentId: number, eventId: number): Promise<void> {
  const ids = [...new Set(photoIds)];
  if (ids.length === 0) return;
  if (ids.length > PHOTOS_PER_STEP) throw new IncidentError('TOO_MANY_PHOTOS');
  const n = await tx.execute(
    `UPDATE incident_photo SET incident_id = $1, event_id = $2
      WHERE id = ANY ($3::bigint[]) AND uploaded_by_id = $4 AND incident_id IS NULL AND patrol_log_id IS NULL`,
    [incidentId, eventId, ids, userId],
  );
  if (n !== ids.length) throw new IncidentError('PHOTO_NOT_FOUND');
}

/** A photo's bytes with the case it belongs to (null while unattached: only its uploader may read it). */
export async function photoById(db: Executor, id: number): Promise<{ incidentId: number | null; uploadedById: number | null; contentType: string; bytes: Buffer } | null> {
  const [r] = await db.query<{ incident_id: number | null; uploaded_by_id: number | null; content_type: string; bytes: Buffer }>(
    'SELECT incident_id, uploaded_by_id, content_type, bytes FROM incident_photo WHERE id = $1',
    [id],
  );
  return r ? { incidentId: r.incident_id, uploadedById: r.uploaded_by_id, contentType: r.content_type, bytes: Buffer.from(r.bytes) } : null;
}
