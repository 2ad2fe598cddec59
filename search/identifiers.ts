/**
 * Normalisation of identifiers for the reference index (verwijsindex). The same API, repository or
 * organisation is written in many ways across sources: `http://` or `https://`, `WWW.Example.nl` or
 * `example.nl`, with or without a trailing slash or `.git`. Both the index and every lookup use
 * `normaliseIdentifier`, so all spellings of one identifier meet under one key.
 */

/**
 * TOOI code prefixes and the organisation type in the TOOI IRI of a code with that prefix, so that a bare code
 * (`oorg10103`) meets its IRI (`https://identifier.overheid.nl/tooi/id/oorg/oorg10103`).
 */
const TOOI_TYPES: Readonly<Record<string, string>> = {
  oorg: 'oorg', mnre: 'ministerie', gm: 'gemeente', pv: 'provincie', ws: 'waterschap', zb: 'zbo', so: 'so', col: 'col',
};

/** Ports that a scheme implies, dropped from normalised URLs. */
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/**
 * Returns the lookup key of an identifier.
 *
 * For `http(s)` URLs: the scheme becomes `https`, the host is lower-cased without a leading `www.`, a default
 * port, a trailing dot of the host and the fragment are dropped, a trailing slash (or `.git` at the end of the
 * path) is removed, and the query string is kept as written. Percent-encoding is left as written. A bare TOOI
 * code (`oorg10103`, `gm0363`) becomes its TOOI IRI, and an OIN written as `urn:nld:oin:…` becomes the bare
 * 20-digit OIN. Any other value (an OIN, a dataset identifier, a URN) is trimmed, its inner whitespace removed
 * and its letters lower-cased.
 *
 * Returns an empty string for a value that is empty after trimming; callers treat that as no identifier.
 */
export function normaliseIdentifier(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';

  // Values that are not web URLs are compared without case and whitespace.
  const url = parseWebUrl(trimmed);
  if (!url) return normaliseOtherIdentifier(trimmed.replace(/\s+/g, '').toLowerCase());

  // Host: lower case (the URL parser does that), without `www.`, a trailing dot and a default port.
  const host = url.hostname.replace(/^www\./, '').replace(/\.$/, '');
  const port = url.port && url.port !== DEFAULT_PORTS[url.protocol] ? `:${url.port}` : '';

  // Path: without trailing slashes and without a `.git` suffix of a repository URL.
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\.git$/i, '');

  return `https://${host}${port}${path}${url.search}`;
}

/** Maps a bare TOOI code to its TOOI IRI and an OIN URN to the bare OIN; returns other values unchanged. */
function normaliseOtherIdentifier(value: string): string {
  const tooi = /^([a-z]+)(\d+)$/.exec(value);
  const tooiType = tooi ? TOOI_TYPES[tooi[1]!] : undefined;
  if (tooiType) return `https://identifier.overheid.nl/tooi/id/${tooiType}/${value}`;
  const oin = /^urn:nld:oin:(\d{20})$/.exec(value);
  if (oin) return oin[1]!;
  return value;
}

/** Returns the parsed URL when `value` is an absolute `http` or `https` URL, else undefined. */
function parseWebUrl(value: string): URL | undefined {
  if (!/^https?:\/\//i.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
