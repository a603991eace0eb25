/**
 * The one error type of expected failures: a stable `code` clients act on, a `kind` that decides the
 * HTTP/tRPC status, and the text in zh-CN and English. Each area keeps its codes in a catalog
 * (domainErrorClass below); server/trpc.ts maps each kind to a tRPC code, and the plain HTTP routes
 * answer with HTTP_STATUS. Nobody ever recovers a code by parsing a message.
 */
import { withDetail, type LocalizedText } from '@/geo/text/localized-text';

export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'too_large'
  | 'too_many'
  | 'unavailable';

/** The HTTP status of each kind (the tRPC mapper uses the matching tRPC codes). */
export const HTTP_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  too_many: 429,
  unavailable: 503,
};

export interface ErrorSpec {
  kind: DomainErrorKind;
  text: LocalizedText;
}

export class DomainError extends Error {
  /** The complete message in both languages, detail included. */
  readonly text: LocalizedText;
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    /** The message of the code alone, without the detail. */
    readonly base: LocalizedText,
    /** What exactly (a key, a number, a reason): appended to both messages. */
    readonly detail?: string | LocalizedText,
  ) {
    const full = withDetail(base, detail);
    super(full.en);
    this.text = full;
    this.name = 'DomainError';
  }
}

/**
 * The error class of one area (drafts, topology, requests...): its codes with their kind and text in one
 * table, so `new DraftError('PLAN_STALE_VERSION')` is all a service writes.
 */
export function domainErrorClass<C extends string>(name: string, specs: Readonly<Record<C, ErrorSpec>>) {
  return class extends DomainError {
    static readonly specs = specs;
    declare readonly code: C;
    constructor(code: C, detail?: string | LocalizedText) {
      const spec = specs[code];
      super(code, spec.kind, spec.text, detail);
      this.name = name;
    }
  };
}

/** Something asked for by key that does not exist (or is not in force at the time asked about). */
export function notFound(what: LocalizedText, key: string | number): DomainError {
  return new DomainError('NOT_FOUND', 'not_found', { 'zh-CN': `未找到${what['zh-CN']}`, en: `${what.en} not found` }, String(key));
}
