/**
 * Writing Open311 answers in the two formats GeoReport v2 names: XML (its required format) and JSON, the
 * Spark-convention mapping of the same document (a list element's items become an array). The path's
 * extension chooses; both are UTF-8 and never cached (a request's status changes under it).
 */
import { XMLBuilder } from 'fast-xml-parser';
import { textIn } from '@/geo/text/localized-text';
import type { DomainError } from '../errors/domain-error';
import { INTERNAL_ERROR_TEXT } from '../errors/request-errors';
import { open311Status } from './errors';
import type { HeaderLocale as Open311Locale } from '../http/accept-language';

export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export const isOpen311Format = (s: string): s is Open311Format => (OPEN311_FORMATS as readonly string[]).includes(s);

/** A field's value; `undefined` is a field the answer leaves out (the spec's "may not be returned"). */
export type Open311Value = string | number | boolean | null | undefined | Open311Fields[];
export interface Open311Fields {
  [field: string]: Open311Value;
}

/**
 * An answer's document: a list (`<services><service>…`, `<service_requests><request>…`, `<errors><error>…`;
 * an array in JSON) or one element (`<service_definition>`; an object in JSON). `itemNames` names the
 * element of each item of a nested list (a definition's `attributes` hold `attribute`s).
 */
export type Open311Document =
  | { root: 'services' | 'service_requests' | 'errors'; item: 'service' | 'request' | 'error'; items: Open311Fields[] }
  | { root: 'service_definition'; value: Open311Fields; itemNames: Readonly<Record<string, string>> };

const CONTENT_TYPE: Readonly<Record<Open311Format, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

// Entities escaped (&, <, >, " and '), no attributes, no indentation: the spec's documents are plain
// elements.
const builder = new XMLBuilder({ format: false, processEntities: true, suppressEmptyNode: false });

// Characters XML 1.0 cannot carry even escaped (C0 controls but tab and line breaks, U+FFFE/U+FFFF, lone
// surrogates). Inputs refuse them, but a case's text may have come another way (the demo city, an
// import); an answer must parse whatever it holds.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function toXml(value: Open311Value, itemNames: Readonly<Record<string, string>>, field: string): unknown {
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  if (Array.isArray(value)) {
    const items = value.map((v) => fieldsToXml(v, itemNames));
    // An empty list is an empty element (`<attributes></attributes>`), not a missing one.
    return items.length ? { [itemNames[field] ?? 'item']: items } : '';
  }
  return value;
}

function fieldsToXml(fields: Open311Fields, itemNames: Readonly<Record<string, string>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, toXml(v, itemNames, k)]));
}

function xmlText(doc: Open311Document): string {
  const body =
    'items' in doc
      ? { [doc.root]: doc.items.length ? { [doc.item]: doc.items.map((i) => fieldsToXml(i, {})) } : '' }
      : { [doc.root]: fieldsToXml(doc.value, doc.itemNames) };
  // The spec wants the declaration before the root element.
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(body) as string}`;
}

const jsonOf = (doc: Open311Document): unknown => ('items' in doc ? doc.items : doc.value);

/** The answer with `doc` in `format`. */
export function open311Answer(format: Open311Format, status: number, doc: Open311Document, headers: Record<string, string> = {}): Response {
  const text = format === 'xml' ? xmlText(doc) : JSON.stringify(jsonOf(doc));
  return new Response(text, {
    status,
    headers: { 'Content-Type': CONTENT_TYPE[format], 'Cache-Control': 'no-store', Vary: 'Accept-Language', ...headers },
  });
}

/** One error as GeoReport v2 writes it: `[{ code, description }]`, the code being the HTTP status. */
export function open311ErrorAnswer(format: Open311Format, error: DomainError, locale: Open311Locale, headers: Record<string, string> = {}): Response {
  const status = open311Status(error);
  return open311Answer(format, status, { root: 'errors', item: 'error', items: [{ code: status, description: textIn(error.text, locale) }] }, headers);
}

/** An unexpected failure: the generic text only (the detail goes to the server log). */
export function open311InternalErrorAnswer(format: Open311Format, locale: Open311Locale): Response {
  return open311Answer(format, 500, { root: 'errors', item: 'error', items: [{ code: 500, description: textIn(INTERNAL_ERROR_TEXT, locale) }] });
}
