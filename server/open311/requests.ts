/**
 * Open311 service requests, read: the city's cases (any channel) as GeoReport v2 fields. A request's id
 * is the case's code (SJ20261201000123); its status is open or closed (CLOSED_STATES), and the loop's
 * own state goes into status_notes ("已派遣 Dispatched").
 *
 * Security: these reads are public (ROUTE_POLICY), so they select the spec's fields and nothing else:
 * never the reporter's name or phone, the partner's reference (account_id, device_id), photos, or who
 * handles the case.
 */
import { textIn } from '@/geo/text/localized-text';
import { isClosed, type IncidentState } from '@/geo/incidents/incident-states';
import type { Executor } from '../db';
import { closedIncidentSql, openIncidentSql } from '../data/incidents';
import { categoryCatalogue } from '../incidents/categories';
import { IncidentError } from '../incidents/errors';
import { dateFormatHint, Open311Error } from './errors';
import type { Open311Document, Open311Fields } from './format';
import { stateLabel } from './labels';
import type { HeaderLocale as Open311Locale } from '../http/accept-language';
import { chinaDateTime, parseNamedMoment } from './times';

/** The spec's default and largest answer: the most recent 90 days, at most 1000 requests. */
export const MAX_REQUESTS = 1000;
export const MAX_SPAN_DAYS = 90;
const DAY_MS = 86_400_000;
const MAX_SERVICE_CODES = 100;

/** The shape of a case code (SJ + day + number; older and imported codes carry hyphens). */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

type Status = 'open' | 'closed';

/** What a GET requests asks for: named requests (the spec: "overrides all other arguments"), or a search. */
export type RequestQuery =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'search'; from: Date; to: Date; serviceCodes: string[] | null; status: Status | null };

/** A parameter's value; empty counts as absent (the spec's "Optional Arguments"). */
const param = (query: URLSearchParams, name: string): string | undefined => {
  const v = query.get(name)?.trim();
  return v ? v : undefined;
};

const commaList = (text: string): string[] => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];

function moment(text: string, name: string) {
  const m = parseNamedMoment(text);
  if (!m) throw new Open311Error('DATE_INVALID', dateFormatHint(name));
  return m;
}

/** The filters of a GET requests, checked: every bad one is a 400 (an unknown service code a 404). */
export async function requestQuery(db: Executor, query: URLSearchParams, at: Date): Promise<RequestQuery> {
  const ids = param(query, 'service_request_id');
  if (ids !== undefined) {
    const list = commaList(ids);
    if (list.length > MAX_REQUESTS) throw new Open311Error('TOO_MANY_IDS');
    // An id that cannot be a case's code names no case: it is simply not in the answer.
    return { kind: 'ids', ids: list.filter((id) => REQUEST_ID_PATTERN.test(id)) };
  }

  const start = param(query, 'start_date');
  const end = param(query, 'end_date');
  const span = MAX_SPAN_DAYS * DAY_MS;
  let from: Date;
  let to: Date;
  if (start !== undefined && end !== undefined) {
    [from, to] = [moment(start, 'start_date').first, moment(end, 'end_date').last];
    if (to < from) throw new Open311Error('DATE_RANGE_REVERSED');
    if (to.getTime() - from.getTime() > span) throw new Open311Error('DATE_RANGE_TOO_LONG');
  } else if (start !== undefined) {
    from = moment(start, 'start_date').first;
    to = new Date(from.getTime() + span);
  } else if (end !== undefined) {
    to = moment(end, 'end_date').last;
    from = new Date(to.getTime() - span);
  } else {
    [from, to] = [new Date(at.getTime() - span), at];
  }

  let status: Status | null = null;
  const statusText = param(query, 'status');
  if (statusText !== undefined) {
    const wanted = commaList(statusText);
    if (wanted.length === 0 || wanted.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error('STATUS_INVALID');
    status = wanted.length === 1 ? (wanted[0] as Status) : null;
  }

  let serviceCodes: string[] | null = null;
  const codesText = param(query, 'service_code');
  if (codesText !== undefined) {
    serviceCodes = commaList(codesText);
    if (serviceCodes.length > MAX_SERVICE_CODES) throw new Open311Error('TOO_MANY_SERVICE_CODES');
    // Retired categories still name their old cases: any code of the catalogue is a filter.
    const known = new Set((await categoryCatalogue(db)).map((c) => c.code));
    const unknown = serviceCodes.find((c) => !known.has(c));
    if (unknown !== undefined) throw new IncidentError('CATEGORY_NOT_FOUND', unknown.slice(0, 40));
  }
  return { kind: 'search', from, to, serviceCodes, status };
}

interface RequestRow {
  code: string;
  /** incident.status's check holds exactly the loop's states. */
  status: IncidentState;
  category: string;
  service_zh: string;
  service_en: string;
  agency_zh: string;
  agency_en: string;
  description: string;
  reported_at: Date;
  updated_at: Date;
  due_at: Date | null;
  address_text: string;
  address_code: string | null;
  lon: number;
  lat: number;
}

// The spec's fields only (see the module's security note). A closed request's updated_datetime is when
// it was closed (the spec's rule), not its later evaluation; the agency is the department the case was
// given, or its category's for cases older than the loop.
const SELECT_REQUESTS = `
  SELECT i.code, i.status, i.category, c.name_zh AS service_zh, c.name_en AS service_en,
         d.name_zh AS agency_zh, d.name_en AS agency_en, i.description, i.reported_at,
         CASE WHEN ${closedIncidentSql('i')} THEN coalesce(i.closed_at, i.updated_at, i.reported_at)
              ELSE coalesce(i.updated_at, i.reported_at) END AS updated_at,
         i.due_at, i.address_text, a.code AS address_code, ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat
    FROM incident i
    JOIN incident_category c ON c.code = i.category
    JOIN department d ON d.code = coalesce(i.department_code, c.department_code)
    LEFT JOIN standard_address a ON a.id = i.address_id`;

const ORDER = `ORDER BY i.reported_at DESC, i.id DESC LIMIT ${MAX_REQUESTS}`;

/** The status of a state and the notes that name it in both languages (the loop's own words). */
function statusOf(state: IncidentState): { status: Status; notes: string } {
  const label = stateLabel(state);
  return { status: isClosed(state) ? 'closed' : 'open', notes: `${label['zh-CN']} ${label.en}` };
}

function requestFields(r: RequestRow, locale: Open311Locale): Open311Fields {
  const { status, notes } = statusOf(r.status);
  return {
    service_request_id: r.code,
    status,
    status_notes: notes,
    service_name: textIn({ 'zh-CN': r.service_zh, en: r.service_en }, locale),
    service_code: r.category,
    description: r.description,
    agency_responsible: textIn({ 'zh-CN': r.agency_zh, en: r.agency_en }, locale),
    requested_datetime: chinaDateTime(r.reported_at),
    updated_datetime: chinaDateTime(r.updated_at),
    // The case's time limit, set when it is dispatched; before that nobody has promised a time.
    expected_datetime: r.due_at ? chinaDateTime(r.due_at) : undefined,
    address: r.address_text || undefined,
    address_id: r.address_code ?? undefined,
    lat: r.lat,
    long: r.lon,
    // No zipcode (the city's addresses carry none) and no media_url: photos are personal data, served
    // only to those who may see the case's.
  };
}

const requestsDocument = (rows: RequestRow[], locale: Open311Locale): Open311Document => ({
  root: 'service_requests',
  item: 'request',
  items: rows.map((r) => requestFields(r, locale)),
});

/** GET requests: the named requests, or those requested in the range that match, newest first. */
export async function listRequests(db: Executor, q: RequestQuery, locale: Open311Locale): Promise<Open311Document> {
  if (q.kind === 'ids') {
    if (q.ids.length === 0) return requestsDocument([], locale);
    return requestsDocument(await db.query<RequestRow>(`${SELECT_REQUESTS} WHERE i.code = ANY($1::text[]) ${ORDER}`, [q.ids]), locale);
  }
  const statusSql = q.status === 'open' ? `AND ${openIncidentSql('i')}` : q.status === 'closed' ? `AND ${closedIncidentSql('i')}` : '';
  const rows = await db.query<RequestRow>(
    `${SELECT_REQUESTS}
      WHERE i.reported_at >= $1::timestamptz AND i.reported_at <= $2::timestamptz
        AND ($3::text[] IS NULL OR i.category = ANY($3::text[])) ${statusSql}
      ${ORDER}`,
    [q.from, q.to, q.serviceCodes],
  );
  return requestsDocument(rows, locale);
}

/** GET requests/{service_request_id}: one request (in a list, as the spec writes it), or 404. */
export async function requestById(db: Executor, id: string, locale: Open311Locale): Promise<Open311Document> {
  // An id that cannot be a code (too long, odd characters, a NUL) is not looked up: it names nothing.
  const rows = REQUEST_ID_PATTERN.test(id) ? await db.query<RequestRow>(`${SELECT_REQUESTS} WHERE i.code = $1`, [id]) : [];
  if (rows.length === 0) throw new IncidentError('INCIDENT_NOT_FOUND', REQUEST_ID_PATTERN.test(id) ? id : '');
  return requestsDocument(rows, locale);
}
