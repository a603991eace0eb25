/**
 * POST requests: a partner system (the 12345 hotline, a district's app) files a case with its key. The
 * parameters are GeoReport v2's; the case is filed by intake like any other report (reportIncident), so
 * the place decides its grid and worker and the category its department and first deadline.
 */
import { z } from 'zod';
import { localized, textIn, type LocalizedText } from '@/geo/text/localized-text';
import type { Db, Executor } from '../db';
import { describeZodIssues, RequestError } from '../errors/request-errors';
import { IncidentError } from '../incidents/errors';
import { reportIncident, type ReportPlace } from '../incidents/intake';
import { partnerByKey } from '../incidents/partners';
import { latitude, lineText, longitude, multiLineText, phoneNumber } from '../routers/inputs';
import { Open311Error } from './errors';
import type { FormParameters } from './form-body';
import type { Open311Document } from './format';
import type { HeaderLocale as Open311Locale } from '../http/accept-language';
import { activeService } from './services';

// A decimal number as a form writes it ("32.05", "-0.5", "1e-3"); Number() alone would also take "",
// " 1", "0x20" and "Infinity".
const decimal = z
  .string()
  .max(40)
  .regex(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/)
  .transform(Number);

/**
 * The parameters besides api_key and service_code. Parameters not named here are ignored (partners send
 * jurisdiction_id, attribute[…] and fields of their own); email is one of them: the case never contacts
 * the reporter, the partner's own system does, so it is not kept.
 */
const parameters = z.object({
  lat: decimal.pipe(latitude).optional(),
  long: decimal.pipe(longitude).optional(),
  // The standard address's 18-digit doorplate code (the one printed in its QR code).
  address_id: z.string().regex(/^[0-9]{18}$/).optional(),
  address_string: lineText(300).optional(),
  first_name: lineText(60).optional(),
  last_name: lineText(60).optional(),
  // incident.reporter_phone's check.
  phone: phoneNumber.optional(),
  account_id: lineText(100).optional(),
  device_id: lineText(100).optional(),
  // The spec makes it optional; a case without a description cannot be accepted or dispatched.
  description: multiLineText(4000).pipe(z.string().trim().min(1)),
  media_url: lineText(2000).optional(),
});
type Parameters = z.infer<typeof parameters>;

/** Empty counts as absent (the spec's "Optional Arguments"). */
function present(params: FormParameters): Record<string, string> {
  // No prototype: a field named __proto__ or constructor is just an ignored field.
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of params) if (value !== '') out[name] = value;
  return out;
}

const HAN = /^[\p{Script=Han}·]+$/u;

/**
 * The reporter's name: a Chinese name is written family name first without a space (张 + 三 → 张三),
 * any other given name first (John Smith).
 */
function reporterNameOf(p: Parameters): string | undefined {
  const first = p.first_name?.trim() ?? '';
  const last = p.last_name?.trim() ?? '';
  const name = HAN.test(first) && HAN.test(last) ? `${last}${first}` : [first, last].filter(Boolean).join(' ');
  if ([...name].length > 60) throw new Open311Error('REPORTER_NAME_TOO_LONG');
  return name || undefined;
}

/**
 * Where the report lies. An address_id wins over lat/long (a doorplate fixes the grid by what it is,
 * a position only by where it falls); address_string is used only without either, and only when it is a
 * standard address word for word: the app never guesses a place from free text.
 */
async function placeOf(db: Executor, p: Parameters): Promise<ReportPlace> {
  if (p.address_id !== undefined) {
    const [a] = await db.query<{ id: number }>('SELECT id FROM standard_address WHERE code = $1', [p.address_id]);
    if (!a) throw new IncidentError('ADDRESS_NOT_FOUND', p.address_id);
    return { kind: 'address', addressId: a.id };
  }
  if ((p.lat === undefined) !== (p.long === undefined)) throw new Open311Error('LAT_LONG_PAIR');
  if (p.lat !== undefined && p.long !== undefined) return { kind: 'point', lon: p.long, lat: p.lat };
  const text = p.address_string?.trim();
  if (!text) throw new Open311Error('LOCATION_REQUIRED');
  const matches = await db.query<{ id: number }>('SELECT id FROM standard_address WHERE address = $1 LIMIT 2', [text]);
  if (matches.length === 0) throw new Open311Error('ADDRESS_STRING_UNMATCHED');
  if (matches.length > 1) throw new Open311Error('ADDRESS_STRING_AMBIGUOUS');
  return { kind: 'address', addressId: matches[0]!.id };
}

/**
 * What the partner is told: the case's number and who will handle it once the command centre accepts
 * it; and, when it sent a media_url, that nothing is fetched from it (the app runs on a government
 * intranet and never calls the internet).
 */
function serviceNotice(code: string, department: LocalizedText, mediaUrl: boolean): LocalizedText {
  const notice = localized(
    `已收到，事件编号 ${code}，经指挥中心立案后由${department['zh-CN']}处置。`,
    `Received as ${code}; once the command centre accepts it, ${department.en} will handle it.`,
  );
  if (!mediaUrl) return notice;
  return localized(
    `${notice['zh-CN']}本系统运行于政务内网，不获取 media_url 指向的内容。`,
    `${notice.en} This system runs on a government intranet and does not fetch what media_url points to.`,
  );
}

/**
 * Files the request of `params` for the partner whose api_key it carries (`queryKey`: the key from the
 * URL, for clients that put it there). Nothing is stored unless the key is live: a missing, unknown or
 * revoked key is a 403 before any parameter is looked at.
 */
export async function postServiceRequest(db: Db, params: FormParameters, queryKey: string | null, locale: Open311Locale, at: Date): Promise<Open311Document> {
  const fields = present(params);
  const key = fields.api_key ?? (queryKey || undefined);
  if (key === undefined) throw new Open311Error('API_KEY_MISSING');
  const partner = await partnerByKey(db, key, at);
  if (!partner) throw new Open311Error('API_KEY_INVALID');

  const serviceCode = fields.service_code?.trim();
  if (!serviceCode) throw new Open311Error('SERVICE_CODE_REQUIRED');
  const service = await activeService(db, serviceCode);

  const parsed = parameters.safeParse(fields);
  if (!parsed.success) throw new RequestError('INPUT_INVALID', describeZodIssues(parsed.error.issues));
  const p = parsed.data;
  const reporterName = reporterNameOf(p);
  const place = await placeOf(db, p);
  const reference = p.account_id ?? p.device_id;

  const filed = await reportIncident(
    db,
    { kind: 'partner', keyId: partner.id, name: partner.name },
    {
      categoryCode: service.code,
      description: p.description,
      // Open311 has no severity: a partner's case gets the default of every report (incidents.report's).
      severity: 2,
      place,
      source: 'partner',
      reporterName,
      reporterPhone: p.phone?.trim() || undefined,
      partnerReference: reference,
      // A partner's own words for where it is, kept beside a position (a standard address has its own).
      addressText: place.kind === 'point' ? p.address_string?.trim() || undefined : undefined,
    },
    at,
  );
  return {
    root: 'service_requests',
    item: 'request',
    items: [
      {
        service_request_id: filed.code,
        service_notice: textIn(serviceNotice(filed.code, service.department.name, p.media_url !== undefined), locale),
        account_id: p.account_id ?? null,
      },
    ],
  };
}
