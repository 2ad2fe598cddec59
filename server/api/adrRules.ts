/**
 * Middleware for the rules of the NLGov REST API Design Rules 2.1 that hold for every response of the API:
 * the `API-Version` header, CORS for reads, no trailing slashes, and only the HTTP methods a resource has.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { BouwblokkenError, NotFoundError } from '../../core/errors';

/** Full version of the API, sent in the `API-Version` header of every response (rule /core/version-header). */
export const API_VERSION = '1.0.0';

/** Methods that every resource of the API allows. The API is read-only. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;

/** Response headers that a browser script may read (everything the API sends beyond the CORS-safelisted ones). */
const EXPOSED_HEADERS = 'API-Version, Link, Content-Type, Content-Location';

/** The request used a method that the resource does not support. */
export class MethodNotAllowedError extends BouwblokkenError {
  readonly status = 405;
  readonly problemType = 'method-not-allowed';
}

/**
 * Sets `API-Version` and the CORS headers on every response and responds to CORS preflight requests. It
 * rejects a path with a trailing slash with 404, not a redirect (rule /core/no-trailing-slash).
 */
export function adrHeaders(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    response.setHeader('API-Version', API_VERSION);
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    response.vary('Accept');

    const path = request.originalUrl.split('?')[0]!;
    if (path.endsWith('/')) {
      next(new NotFoundError(`No resource at ${path}: paths of this API have no trailing slash; leave it off`));
      return;
    }

    // A preflight request: every resource is readable from any origin, without credentials.
    if (request.method === 'OPTIONS') {
      response.setHeader('Allow', ALLOWED_METHODS.join(', '));
      response.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS.join(', '));
      response.setHeader('Access-Control-Allow-Headers', 'Accept, Accept-Language, Content-Type');
      response.setHeader('Access-Control-Max-Age', '86400');
      response.status(204).end();
      return;
    }
    next();
  };
}

/** Rejects every method but GET and HEAD on a resource that exists, with 405 and an `Allow` header. */
export function readOnly(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Allow', ALLOWED_METHODS.join(', '));
    next(new MethodNotAllowedError(`Method ${request.method} is not allowed on ${request.originalUrl.split('?')[0]}; this API is read-only and allows ${ALLOWED_METHODS.join(', ')}`));
  };
}
