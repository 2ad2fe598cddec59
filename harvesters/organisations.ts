/**
 * Organisation identifiers as the sources write them, turned into the IRIs the catalogue uses. TOOI IRIs are
 * kept. URL-like identifiers (`https://www.vng.nl`, `https://vng.nl/`) are normalised, and replaced by a TOOI
 * IRI where the mapping below contains one. OINs and OWMS organisation terms are looked up the same way.
 */

import { OWMS, TOOI } from '../vocab/namespaces';

const TOOI_PREFIX = TOOI.namespace;

/** TOOI IRIs of the organisations that the sources name most, keyed by their normalised website. */
const TOOI_BY_WEBSITE: Readonly<Record<string, string>> = {
  'https://amsterdam.nl/': `${TOOI_PREFIX}gemeente/gm0363`,
  'https://enschede.nl/': `${TOOI_PREFIX}gemeente/gm0153`,
  'https://kadaster.nl/': `${TOOI_PREFIX}zbo/zb000195`,
  'https://kvk.nl/': `${TOOI_PREFIX}zbo/zb000184`,
  'https://cbs.nl/': `${TOOI_PREFIX}zbo/zb000193`,
  'https://zuid-holland.nl/': `${TOOI_PREFIX}provincie/pv28`,
  'https://minbzk.nl/': `${TOOI_PREFIX}ministerie/mnre1034`,
};

/** TOOI IRIs keyed by OIN (Organisatie-identificatienummer), for the 2019-2021 register. */
const TOOI_BY_OIN: Readonly<Record<string, string>> = {
  '00000001002564440000': `${TOOI_PREFIX}gemeente/gm0363`,
  '00000001001589623000': `${TOOI_PREFIX}gemeente/gm0153`,
  '00000001802327497000': `${TOOI_PREFIX}zbo/zb000195`,
  '00000001006033404000': `${TOOI_PREFIX}zbo/zb000184`,
  '00000001812483297000': `${TOOI_PREFIX}zbo/zb000193`,
  '00000001002306608000': `${TOOI_PREFIX}provincie/pv28`,
  '00000001003214345000': `${TOOI_PREFIX}ministerie/mnre1034`,
};

/** TOOI IRIs keyed by OWMS organisation term, as data.overheid.nl writes `authority` and `publisher`. */
const TOOI_BY_OWMS: Readonly<Record<string, string>> = {
  [OWMS.term('Centraal_Bureau_voor_de_Statistiek').value]: `${TOOI_PREFIX}zbo/zb000193`,
  [OWMS.term('Dienst_voor_het_kadaster_en_de_openbare_registers').value]: `${TOOI_PREFIX}zbo/zb000195`,
  [OWMS.term('Kamer_van_Koophandel').value]: `${TOOI_PREFIX}zbo/zb000184`,
  [OWMS.term('Amsterdam').value]: `${TOOI_PREFIX}gemeente/gm0363`,
  [OWMS.term('Ministerie_van_Binnenlandse_Zaken_en_Koninkrijksrelaties').value]: `${TOOI_PREFIX}ministerie/mnre1034`,
};

/**
 * Normalises a URL-like organisation identifier: `https` scheme, lower-case host without `www.`, no query or
 * fragment, and a path without a trailing slash (the root path is `/`). `https://www.vng.nl` and
 * `http://vng.nl/` both become `https://vng.nl/`.
 * @returns the normalised IRI, or undefined when `value` is not an http(s) URL.
 */
export function normaliseOrganisationUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const pathname = url.pathname.replace(/\/+$/, '') || '/';
  return `https://${host}${pathname}`;
}

/**
 * Returns the IRI under which the catalogue names an organisation that a source identifies by `value`: a TOOI
 * IRI (kept, with `https`), the TOOI IRI mapped from a website, OWMS term or OIN when one is known, or else the
 * normalised URL. OWMS terms without a mapping are kept as they are, because they are IRIs of their own.
 * @returns undefined when `value` is empty or neither an IRI nor an OIN.
 */
export function organisationIri(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d{20}$/.test(trimmed)) return TOOI_BY_OIN[trimmed];
  if (/^https?:\/\/identifier\.overheid\.nl\/tooi\/id\//i.test(trimmed)) return trimmed.replace(/^http:/i, 'https:').replace(/\/+$/, '');
  if (trimmed.replace(/^https:/i, 'http:').startsWith(OWMS.namespace)) {
    const owms = trimmed.replace(/^https:/i, 'http:');
    return TOOI_BY_OWMS[owms] ?? owms;
  }
  const normalised = normaliseOrganisationUrl(trimmed);
  if (!normalised) return undefined;
  return TOOI_BY_WEBSITE[normalised] ?? normalised;
}

/** Returns the TOOI IRI for an OIN, when the mapping contains it. */
export function organisationIriForOin(oin: string | undefined | null): string | undefined {
  return oin ? TOOI_BY_OIN[oin.trim()] : undefined;
}

/** Returns true when `iri` is a TOOI organisation IRI. */
export function isTooiIri(iri: string): boolean {
  return iri.startsWith(TOOI_PREFIX);
}
