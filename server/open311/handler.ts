/**
 * Open311 GeoReport v2 (/open311/v2/…) for the hotline and partner systems: the path and method decide
 * the resource, the extension the format, Accept-Language the language; every failure is an Open311
 * error in that format with the spec's status. One jurisdiction, so jurisdiction_id is ignored (the spec
 * allows it).
 *
 * Security: no session is read. The reads are public and carry no personal data (requests.ts); a POST
 * needs a partner's live api_key (post-request.ts). Cross-site browser posts gain nothing here: without
 * a key nothing happens, and no cookie stands in for one.
 */
import { now } from '../clock';
import { getDatabase } from '../db';
import { requestShare } from '../db/fair-share';
import { toDomainError } from '../errors/database-errors';
import { RequestError } from '../errors/request-errors';
import { Open311Error } from './errors';
import { readFormParameters } from './form-body';
import { isOpen311Format, open311Answer, open311ErrorAnswer, open311InternalErrorAnswer, type Open311Document, type Open311Format } from './format';
import { preferredLocale } from '../http/accept-language';
import { postServiceRequest } from './post-request';
import { listRequests, requestById, requestQuery } from './requests';
import { serviceDefinition, serviceList } from './services';

type Resource =
  | { kind: 'services' }
  | { kind: 'service'; code: string }
  | { kind: 'requests' }
  | { kind: 'request'; id: string };

/** The methods each resource takes. */
const METHODS: Readonly<Record<Resource['kind'], readonly string[]>> = {
  services: ['GET'],
  service: ['GET'],
  requests: ['GET', 'POST'],
  request: ['GET'],
};

type Target = { ok: true; resource: Resource; format: Open311Format } | { ok: false; format: Open311Format; error: Open311Error };

/** `services.json`, `services/{code}.xml`, `requests.json`, `requests/{id}.xml`; anything else is a 404. */
function targetOf(segments: readonly string[]): Target {
  const last = segments[segments.length - 1] ?? '';
  const dot = last.lastIndexOf('.');
  const extension = dot >= 0 ? last.slice(dot + 1).toLowerCase() : '';
  // The error of an unknown format is written in JSON: there is no asked-for format to write it in.
  if (!isOpen311Format(extension)) return { ok: false, format: 'json', error: new Open311Error('FORMAT_UNKNOWN') };
  const format = extension;
  const name = last.slice(0, dot);
  const notFound: Target = { ok: false, format, error: new Open311Error('RESOURCE_NOT_FOUND') };
  if (segments.length === 1) {
    if (name === 'services') return { ok: true, format, resource: { kind: 'services' } };
    if (name === 'requests') return { ok: true, format, resource: { kind: 'requests' } };
    return notFound;
  }
  if (segments.length === 2 && name !== '') {
    if (segments[0] === 'services') return { ok: true, format, resource: { kind: 'service', code: name } };
    if (segments[0] === 'requests') return { ok: true, format, resource: { kind: 'request', id: name } };
  }
  return notFound;
}

/** Answers one Open311 request; `segments` is the path after /open311/v2/, decoded. */
export async function handleOpen311(request: Request, segments: readonly string[]): Promise<Response> {
  const locale = preferredLocale(request.headers.get('accept-language'));
  const target = targetOf(segments);
  if (!target.ok) return open311ErrorAnswer(target.format, target.error, locale);
  const { resource, format } = target;
  const allowed = METHODS[resource.kind];
  // Next.js answers a HEAD with the route's GET.
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  if (!allowed.includes(method)) {
    return open311ErrorAnswer(format, new RequestError('METHOD_NOT_ALLOWED', method.slice(0, 10)), locale, { Allow: allowed.join(', ') });
  }
  try {
    const { db: shared } = await getDatabase();
    const db = requestShare(shared);
    const at = now();
    const url = new URL(request.url);
    let doc: Open311Document;
    let status = 200;
    switch (resource.kind) {
      case 'services':
        doc = await serviceList(db, locale);
        break;
      case 'service':
        doc = await serviceDefinition(db, resource.code);
        break;
      case 'request':
        doc = await requestById(db, resource.id, locale);
        break;
      case 'requests':
        if (method === 'POST') {
          const params = await readFormParameters(request);
          doc = await postServiceRequest(db, params, url.searchParams.get('api_key'), locale, at);
          status = 201;
        } else {
          doc = await listRequests(db, await requestQuery(db, url.searchParams, at), locale);
        }
        break;
    }
    return open311Answer(format, status, doc);
  } catch (err) {
    const known = toDomainError(err);
    if (known) return open311ErrorAnswer(format, known, locale);
    console.error('[open311]', err);
    return open311InternalErrorAnswer(format, locale);
  }
}
