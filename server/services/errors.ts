/** Expected failures of the map services, each with a stable code the client can translate. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The thing asked for does not exist (or is no longer in force). */
export class NotFoundError extends DomainError {
  constructor(what: string, key: string | number) {
    super('NOT_FOUND', `${what} ${key} not found`);
    this.name = 'NotFoundError';
  }
}
