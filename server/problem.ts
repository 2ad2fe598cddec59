/**
 * Maps errors to RFC 9457 problem+json responses, in one place for the whole HTTP server.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { BouwblokkenError, describeError } from '../core/errors';
import type { Logger } from '../core/logger';

/** Base of the `type` IRIs of our problems; the path names the error kind. */
export const PROBLEM_TYPE_BASE = 'https://w3id.org/bouwblokken/problem/';

/** A problem+json body. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** Sends a problem+json response. */
export function sendProblem(response: Response, problem: Problem): void {
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Returns the problem that describes `error`; unknown errors become a 500 without internal detail. */
export function toProblem(error: unknown, instance?: string): Problem {
  if (error instanceof BouwblokkenError) {
    const problem: Record<string, unknown> = {
      type: PROBLEM_TYPE_BASE + error.problemType,
      title: error.name.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
      status: error.status,
      detail: error.message,
    };
    if (instance) problem.instance = instance;
    if (error.location?.line !== undefined) problem.line = error.location.line;
    if (error.location?.column !== undefined) problem.column = error.location.column;
    return problem as unknown as Problem;
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status < 500) {
    return { type: PROBLEM_TYPE_BASE + 'bad-input', title: 'Bad Input', status, detail: describeError(error), ...(instance ? { instance } : {}) };
  }
  return { type: PROBLEM_TYPE_BASE + 'internal', title: 'Internal Server Error', status: 500, detail: 'The server failed to process the request; the error was logged.', ...(instance ? { instance } : {}) };
}

/** Express error handler that logs server errors and answers with problem+json. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const problem = toProblem(error, request.originalUrl);
    if (problem.status >= 500) logger.error({ err: error, url: request.originalUrl }, 'request failed');
    else logger.debug({ url: request.originalUrl, detail: problem.detail }, 'request rejected');
    sendProblem(response, problem);
  };
}

/** Returns the HTTP status carried by errors of body parsers and similar middleware. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null) {
    const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number') return status;
  }
  return undefined;
}
