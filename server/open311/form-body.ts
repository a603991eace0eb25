/**
 * The parameters of a POST requests: the body is a form, application/x-www-form-urlencoded as GeoReport
 * v2 says (multipart/form-data too, which some partners' HTTP libraries send), in UTF-8, at most 64 KiB
 * (4,000 characters of description and the rest fit many times over).
 */
import { readBodyWithin } from '../http/body';
import { RequestError } from '../errors/request-errors';
import { Open311Error } from './errors';

export const OPEN311_BODY_LIMIT = 64 * 1024;

/** A form's fields: the first value of each name (a repeated field is not a list in this API). */
export type FormParameters = ReadonlyMap<string, string>;

function firstValues(entries: Iterable<[string, string]>): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [name, value] of entries) if (!fields.has(name)) fields.set(name, value);
  return fields;
}

export async function readFormParameters(request: Request): Promise<FormParameters> {
  const body = await readBodyWithin(request, OPEN311_BODY_LIMIT);
  if (!body.ok) throw new RequestError('REQUEST_TOO_LARGE', '64 KiB');
  // No body at all is a form without fields (the key check then says what is missing).
  if (body.bytes.byteLength === 0) return new Map();
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body.bytes);
    } catch {
      throw new Open311Error('BODY_UNREADABLE');
    }
    return firstValues(new URLSearchParams(text));
  }
  if (mediaType === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(new Blob([new Uint8Array(body.bytes)]), { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new Open311Error('BODY_UNREADABLE');
    }
    // Files are not taken: media comes as media_url (never fetched), photos from the grid worker's phone.
    const fields: [string, string][] = [];
    for (const [name, value] of form.entries()) if (typeof value === 'string') fields.push([name, value]);
    return firstValues(fields);
  }
  throw new Open311Error('BODY_NOT_FORM');
}
