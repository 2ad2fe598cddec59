/**
 * The error family of Bouwblokken. Every error that reaches a user is one of these, so the HTTP layer
 * maps them to problem+json in one place and the CLI prints them as one readable sentence.
 */

/** Location of a problem in an input: a file or URL, and a line and column when a parser reports them. */
export interface ErrorLocation {
  readonly resource?: string;
  readonly line?: number;
  readonly column?: number;
}

/** Base class: a message that states what failed, where and why, an HTTP status, and the underlying cause. */
export abstract class BouwblokkenError extends Error {
  /** HTTP status of the server's response to this error. */
  abstract readonly status: number;
  /** Short, stable problem type name, used in the problem+json `type` IRI. */
  abstract readonly problemType: string;
  readonly location?: ErrorLocation;

  constructor(message: string, options: { cause?: unknown; location?: ErrorLocation } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.location = options.location;
  }
}

/** The input is invalid: a malformed file, a wrong parameter, a configuration key with a wrong value. */
export class BadInputError extends BouwblokkenError {
  readonly status = 400;
  readonly problemType = 'bad-input';
}

/** The input could not be parsed (Turtle, JSON-LD, JSON, SPARQL); the location gives the position. */
export class ParseError extends BouwblokkenError {
  readonly status = 400;
  readonly problemType = 'parse-failure';
}

/** The requested resource, record or source does not exist. */
export class NotFoundError extends BouwblokkenError {
  readonly status = 404;
  readonly problemType = 'not-found';
}

/** The request conflicts with the current state (a write while another write to the same source runs). */
export class ConflictError extends BouwblokkenError {
  readonly status = 409;
  readonly problemType = 'conflict';
}

/** The request is understood but not allowed (an update on the read-only SPARQL endpoint, a remote context). */
export class ForbiddenError extends BouwblokkenError {
  readonly status = 403;
  readonly problemType = 'forbidden';
}

/** No representation that the client accepts is available (content negotiation failed). */
export class NotAcceptableError extends BouwblokkenError {
  readonly status = 406;
  readonly problemType = 'not-acceptable';
}

/** A query or request exceeded its time or size budget. */
export class LimitExceededError extends BouwblokkenError {
  readonly status: number;
  readonly problemType = 'limit-exceeded';

  constructor(message: string, options: { cause?: unknown; location?: ErrorLocation; status?: number } = {}) {
    super(message, options);
    this.status = options.status ?? 503;
  }
}

/** A remote source failed: unreachable, timed out, responded with an error status or with unusable data. */
export class UpstreamError extends BouwblokkenError {
  readonly status = 502;
  readonly problemType = 'upstream-failure';
}

/** Formats a location as ` (file:line:column)`, or an empty string when nothing is known. */
export function formatLocation(location: ErrorLocation | undefined): string {
  if (!location) return '';
  const parts = [location.resource, location.line, location.column].filter((part) => part !== undefined);
  return parts.length > 0 ? ` (${parts.join(':')})` : '';
}

/** Returns the message of any thrown value, including the messages of its causes. */
export function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && messages.length < 5) {
    if (current instanceof Error) {
      const location = current instanceof BouwblokkenError ? formatLocation(current.location) : '';
      messages.push(current.message + location);
      current = current.cause;
    } else {
      messages.push(String(current));
      current = undefined;
    }
  }
  return messages.join(': ');
}
