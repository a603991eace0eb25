/** How an expected failure should reach a client: the transport maps these to its own status codes. */
export type DomainErrorKind = 'not_found' | 'conflict' | 'invalid';

/**
 * Expected failures of the services, each with a stable `code` the client can act on and a message in
 * English (`message`) and Chinese (`messageZh`). One mapper (server/trpc.ts) turns them into tRPC errors;
 * nobody ever recovers a code by parsing a message.
 */
export class DomainError extends Error {
  readonly messageZh: string;
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
    messageZh?: string,
  ) {
    super(message);
    this.messageZh = messageZh ?? message;
    this.name = 'DomainError';
  }
}

/** The thing asked for does not exist (or is no longer in force). */
export class NotFoundError extends DomainError {
  constructor(what: string, key: string | number) {
    super('NOT_FOUND', `${what} ${key} not found`, 'not_found', `未找到${what} ${key}`);
    this.name = 'NotFoundError';
  }
}
