/**
 * One photo to POST /api/incidents/photos (the bytes as the body, same origin, the session cookie), with
 * the upload's progress: XMLHttpRequest, since fetch reports none. The server decides by the content
 * whether it is an image, re-encodes it and answers its id, or a JSON error with both languages.
 */
import type { LocalizedText } from '@/geo/text/localized-text';
import { PHOTO_MAX_BYTES, type PhotoFailure } from './photo-queue';

export const PHOTO_UPLOAD_URL = '/api/incidents/photos';

export interface UploadedPhoto {
  id: number;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
}

export type UploadResult = { ok: true; photo: UploadedPhoto } | { ok: false; failure: PhotoFailure };

/** The route's error body `{ error: { code, message: { zh-CN, en } } }`, if that is what came back. */
export function uploadFailure(status: number, body: unknown): PhotoFailure {
  const error = (body as { error?: { code?: unknown; message?: Partial<LocalizedText> } } | null)?.error;
  if (error?.message && typeof error.message['zh-CN'] === 'string' && typeof error.message.en === 'string') {
    return { kind: 'server', code: typeof error.code === 'string' ? error.code : null, text: { 'zh-CN': error.message['zh-CN'], en: error.message.en } };
  }
  return { kind: 'local', reason: status === 413 ? 'too_large' : 'network' };
}

export function uploadPhoto(body: Blob, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', PHOTO_UPLOAD_URL);
    xhr.responseType = 'json';
    xhr.setRequestHeader('Content-Type', body.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const data = xhr.response as unknown;
      if (xhr.status === 201 || xhr.status === 200) {
        const photo = data as UploadedPhoto | null;
        if (photo && Number.isSafeInteger(photo.id)) return resolve({ ok: true, photo });
      }
      // A session that ended: the page's other calls take the user to the sign-in page.
      resolve({ ok: false, failure: uploadFailure(xhr.status, data) });
    };
    xhr.onerror = () => resolve({ ok: false, failure: { kind: 'local', reason: 'network' } });
    xhr.onabort = () => resolve({ ok: false, failure: { kind: 'local', reason: 'network' } });
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** The longest side a shrunk photo keeps (the server keeps at most 2560 px anyway). */
const SHRINK_SIDE = 2560;

/**
 * A phone's camera easily takes photos over the server's 5 MB: such a photo is redrawn smaller as a JPEG
 * in the browser first (the orientation applied, the metadata dropped). Null when the browser cannot
 * decode it; the server's own check then has the last word on anything else.
 */
export async function shrinkIfLarge(file: File): Promise<Blob | null> {
  if (file.size <= PHOTO_MAX_BYTES) return file;
  if (typeof createImageBitmap !== 'function') return null;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  try {
    for (const [side, quality] of [[SHRINK_SIDE, 0.85], [1920, 0.8], [1280, 0.75]] as const) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', quality));
      if (blob && blob.size <= PHOTO_MAX_BYTES) return blob;
    }
    return null;
  } finally {
    bitmap.close();
  }
}
