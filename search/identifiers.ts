/**
 * Normalisation of identifiers for the reference index (verwijsindex). The same API, repository or
 * organisation is written in many ways across sources: `http://` or `https://`, `WWW.Example.nl` or
 * `example.nl`, with or without a trailing slash or `.git`. Both the index and every lookup use
 * `normaliseIdentifier`, so all spellings of one identifier meet under one key.
 */

/** Ports that a scheme implies, dropped from normalised URLs. */
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/**
 * Returns the lookup key of an identifier.
 *
 * For `http(s)` URLs: the scheme becomes `https`, the host is lower-cased without a leading `www.`, a default
 * port and the fragment are dropped, a trailing slash (or `.git` at the end of the path) is removed, and the
 * query string is kept as written. Percent-encoding is left as written. Any other value (an OIN, a dataset
 * identifier, a URN) is trimmed, its inner whitespace removed and its letters lower-cased.
 *
 * Returns an empty string for a value that is empty after trimming; callers treat that as no identifier.
 */
export function normaliseIdentifier(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';

  // Values that are not web URLs are compared without case and whitespace.
  const url = parseWebUrl(trimmed);
  if (!url) return trimmed.replace(/\s+/g, '').toLowerCase();

  // Host: lower case (the URL parser does that), without `www.` and without a default port.
  const host = url.hostname.replace(/^www\./, '');
  const port = url.port && url.port !== DEFAULT_PORTS[url.protocol] ? `:${url.port}` : '';

  // Path: without trailing slashes and without a `.git` suffix of a repository URL.
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\.git$/i, '');

  return `https://${host}${port}${path}${url.search}`;
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
