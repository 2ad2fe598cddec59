/**
 * Content negotiation: picks the representation of a response from the request's `Accept` header (with
 * q-values, RFC 9110 section 12.5.1) or from an explicit `format` query parameter.
 */
import type { Request } from 'express';
import { BadInputError, NotAcceptableError } from '../core/errors';

/** One representation that a route can produce. */
export interface Offer<T extends string = string> {
  /** Short name, also accepted as the value of the `format` query parameter. */
  readonly name: T;
  /** Media type sent in `Content-Type`. */
  readonly mediaType: string;
  /** Other media types that select this offer, such as `application/json` for SPARQL JSON results. */
  readonly aliases?: readonly string[];
  /** Other values of the `format` parameter that select this offer, such as `ttl` for Turtle. */
  readonly formatNames?: readonly string[];
}

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
  /** Position in the header; an earlier range wins a tie. */
  readonly order: number;
}

/**
 * Parses an `Accept` header into media ranges. Ranges with an invalid q-value are ignored, as RFC 9110
 * leaves them undefined. An absent or empty header accepts everything.
 */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [{ type: '*', subtype: '*', q: 1, order: 0 }];
  const ranges: MediaRange[] = [];
  header.split(',').forEach((part, order) => {
    const [range, ...parameters] = part.split(';').map((piece) => piece.trim());
    const [type, subtype] = (range ?? '').toLowerCase().split('/');
    if (!type || !subtype) return;
    let q = 1;
    for (const parameter of parameters) {
      const [key, value] = parameter.split('=').map((piece) => piece.trim());
      if (key?.toLowerCase() === 'q') q = Number(value);
    }
    if (!Number.isFinite(q) || q < 0 || q > 1) return;
    ranges.push({ type, subtype, q, order });
  });
  return ranges;
}

/**
 * Chooses the offer that the client prefers. The q-value decides first, then the specificity of the
 * matching range (`text/turtle` over `text/*` over `*\/*`), then the order of `offers`, so the first offer
 * is the default for `*\/*`.
 * @returns the chosen offer, or `undefined` when none is acceptable.
 */
export function negotiate<T extends string>(acceptHeader: string | undefined, offers: readonly Offer<T>[]): Offer<T> | undefined {
  const ranges = parseAccept(acceptHeader);
  let best: { offer: Offer<T>; q: number; specificity: number; index: number } | undefined;

  offers.forEach((offer, index) => {
    // The most specific range that matches any media type of the offer sets its q-value.
    let match: { q: number; specificity: number } | undefined;
    for (const mediaType of [offer.mediaType, ...(offer.aliases ?? [])]) {
      const [type, subtype] = mediaType.toLowerCase().split('/');
      for (const range of ranges) {
        const specificity = rangeSpecificity(range, type!, subtype!);
        if (specificity < 0) continue;
        if (!match || specificity > match.specificity || (specificity === match.specificity && range.q > match.q)) {
          match = { q: range.q, specificity };
        }
      }
    }
    if (!match || match.q === 0) return;

    const better = !best || match.q > best.q || (match.q === best.q && match.specificity > best.specificity);
    if (better) best = { offer, q: match.q, specificity: match.specificity, index };
  });
  return best?.offer;
}

/** Returns 2 for an exact match, 1 for `type/*`, 0 for `*\/*`, and -1 when the range does not match. */
function rangeSpecificity(range: MediaRange, type: string, subtype: string): number {
  if (range.type === '*' && range.subtype === '*') return 0;
  if (range.type !== type) return -1;
  if (range.subtype === '*') return 1;
  return range.subtype === subtype ? 2 : -1;
}

/**
 * Chooses the representation of a response: the `format` query parameter when present (a short name or a
 * media type), otherwise the `Accept` header.
 * @throws BadInputError when no `format` value names an offer; NotAcceptableError when the `Accept`
 *   header accepts no offer. Both messages list the offers.
 */
export function chooseRepresentation<T extends string>(request: Request, offers: readonly Offer<T>[]): Offer<T> {
  const format = request.query.format;
  if (format !== undefined) {
    // Some clients repeat the parameter with equivalent values (SPARQLWrapper sends `format=rdf+xml` and
    // `format=application/rdf+xml`), so the first value that names an offer wins.
    const values = (Array.isArray(format) ? format : [format]).map(String);
    for (const value of values) {
      const wanted = value.trim().toLowerCase();
      const offer = offers.find((candidate) => candidate.name === wanted || candidate.mediaType === wanted
        || candidate.formatNames?.includes(wanted) || candidate.aliases?.includes(wanted));
      if (offer) return offer;
    }
    throw new BadInputError(`Format "${values.join('", "')}" is not available here; use one of: ${offers.map((candidate) => candidate.name).join(', ')}`);
  }

  const offer = negotiate(request.get('accept'), offers);
  if (!offer) {
    throw new NotAcceptableError(`None of the media types in Accept "${request.get('accept')}" is available here; available: ${offers.map((candidate) => candidate.mediaType).join(', ')}`);
  }
  return offer;
}
