/**
 * The failures of the Open311 interface itself (the path, the body, the parameters, the key), each with
 * its kind and both languages, and the HTTP status GeoReport v2 gives every error an Open311 answer can
 * carry, this catalogue's and those the incident services throw.
 */
import { localized } from '@/geo/text/localized-text';
import { domainErrorClass, HTTP_STATUS, type DomainError, type ErrorSpec } from '../errors/domain-error';

const LOCATION_HINT = localized('lat 和 long，或 address_id（18 位标准地址编码）', 'lat and long, or address_id (the 18-digit standard address code)');

export const OPEN311_ERRORS = {
  FORMAT_UNKNOWN: { kind: 'not_found', text: localized('不支持的格式：路径须以 .json 或 .xml 结尾', 'Unknown format: the path must end in .json or .xml') },
  RESOURCE_NOT_FOUND: {
    kind: 'not_found',
    text: localized(
      '接口不存在（有 services、services/{service_code}、requests、requests/{service_request_id}）',
      'No such resource (there are services, services/{service_code}, requests and requests/{service_request_id})',
    ),
  },
  API_KEY_MISSING: { kind: 'forbidden', text: localized('缺少 api_key 参数', 'api_key is missing') },
  API_KEY_INVALID: { kind: 'forbidden', text: localized('api_key 无效或已停用', 'The api_key is invalid or revoked') },
  SERVICE_CODE_REQUIRED: { kind: 'invalid', text: localized('缺少 service_code 参数（服务代码见 services.json）', 'service_code is missing (the codes are listed at services.json)') },
  LOCATION_REQUIRED: {
    kind: 'invalid',
    text: localized(`请给出位置：${LOCATION_HINT['zh-CN']}，或 address_string`, `Give a location: ${LOCATION_HINT.en}, or address_string`),
  },
  LAT_LONG_PAIR: { kind: 'invalid', text: localized('lat 与 long 须同时给出', 'lat and long must be given together') },
  ADDRESS_STRING_UNMATCHED: {
    kind: 'invalid',
    text: localized(`address_string 与任何标准地址都不完全一致：请给出${LOCATION_HINT['zh-CN']}`, `address_string matches no standard address exactly: give ${LOCATION_HINT.en}`),
  },
  ADDRESS_STRING_AMBIGUOUS: {
    kind: 'invalid',
    text: localized(`address_string 对应多个标准地址：请给出${LOCATION_HINT['zh-CN']}`, `address_string matches several standard addresses: give ${LOCATION_HINT.en}`),
  },
  REPORTER_NAME_TOO_LONG: { kind: 'invalid', text: localized('first_name 与 last_name 合计最多 60 个字符', 'first_name and last_name together must have at most 60 characters') },
  BODY_NOT_FORM: {
    kind: 'invalid',
    text: localized('请求体须为 application/x-www-form-urlencoded（或 multipart/form-data）', 'The body must be application/x-www-form-urlencoded (or multipart/form-data)'),
  },
  BODY_UNREADABLE: { kind: 'invalid', text: localized('请求体无法解析：须为 UTF-8 编码的表单', 'The body cannot be read: it must be a UTF-8 encoded form') },
  // The detail names the parameter and the format (dateFormatHint).
  DATE_INVALID: { kind: 'invalid', text: localized('时间参数格式不正确', 'A time parameter is malformed') },
  DATE_RANGE_REVERSED: { kind: 'invalid', text: localized('end_date 不能早于 start_date', 'end_date must not be before start_date') },
  DATE_RANGE_TOO_LONG: { kind: 'invalid', text: localized('start_date 与 end_date 相隔不能超过 90 天', 'start_date and end_date may not span more than 90 days') },
  STATUS_INVALID: { kind: 'invalid', text: localized('status 取值应为 open 或 closed（多个以逗号分隔）', 'status must be open or closed (several separated by commas)') },
  TOO_MANY_IDS: { kind: 'invalid', text: localized('service_request_id 一次最多 1000 个', 'service_request_id names at most 1000 requests at once') },
  TOO_MANY_SERVICE_CODES: { kind: 'invalid', text: localized('service_code 一次最多 100 个', 'service_code names at most 100 services at once') },
} as const satisfies Record<string, ErrorSpec>;
export type Open311ErrorCode = keyof typeof OPEN311_ERRORS;

export const Open311Error = domainErrorClass<Open311ErrorCode>('Open311Error', OPEN311_ERRORS);
export type Open311Error = InstanceType<typeof Open311Error>;

/** What a time parameter must look like, naming it. */
export const dateFormatHint = (name: string) =>
  localized(
    `${name} 须为带时区的 ISO 8601 时间，如 2026-12-01T00:00:00+08:00（只写日期则按北京时间）`,
    `${name} must be an ISO 8601 time with its zone, e.g. 2026-12-01T00:00:00+08:00 (a date alone is read in China time)`,
  );

/**
 * Where GeoReport v2 answers with another status than the kind's (HTTP_STATUS), by code: an unknown or
 * retired service_code is a 404 (the spec's "service_code not found"); an address_id naming no address
 * is a bad parameter of a resource that exists (400, not the 404 of a missing resource); a method a
 * resource does not take is a 405, a body that is not a form a 415.
 */
const OPEN311_STATUS: Readonly<Record<string, number>> = {
  CATEGORY_UNKNOWN: 404,
  ADDRESS_NOT_FOUND: 400,
  METHOD_NOT_ALLOWED: 405,
  BODY_NOT_FORM: 415,
};

/** The HTTP status of an error in an Open311 answer (also its `code` there). */
export const open311Status = (error: DomainError): number => OPEN311_STATUS[error.code] ?? HTTP_STATUS[error.kind];
