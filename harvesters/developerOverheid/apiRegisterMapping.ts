/**
 * Maps an API of the developer.overheid.nl API register (`ApiDetail` of API register API v1) to a
 * `dcat:DataService` record, and an organisation of the register to an organisation record.
 */
import { createHash } from 'node:crypto';
import { DataFactory, type NamedNode } from 'n3';
import { ADMS, ADMS_STATUS, BB, BB_ID, DCAT, DCT, DQV, FOAF, ORG, RDF, VCARD, XSD } from '../../vocab/namespaces';
import type { HarvestedRecord } from '../Harvester';
import { organisationIri } from '../organisations';
import { isBlank, RecordBuilder, toIri } from '../rdf';

const { literal, namedNode } = DataFactory;

/** An API as `GET /apis/{id}` returns it. Every field is optional here, because old records lack some. */
export interface ApiDetail {
  readonly id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly oasUrl?: string | null;
  readonly docsUrl?: string | null;
  readonly auth?: readonly string[] | null;
  readonly servers?: ReadonlyArray<{ readonly url?: string; readonly description?: string }> | null;
  readonly adrScore?: number | null;
  readonly contact?: { readonly name?: string; readonly email?: string; readonly url?: string } | null;
  readonly organisation?: { readonly uri?: string; readonly label?: string } | null;
  readonly lifecycle?: { readonly status?: string; readonly version?: string; readonly deprecated?: string; readonly sunset?: string } | null;
}

/** ADMS status for each lifecycle status of the register. */
const STATUS_BY_LIFECYCLE: Readonly<Record<string, NamedNode>> = {
  active: ADMS_STATUS.Completed,
  deprecated: ADMS_STATUS.Deprecated,
  sunset: ADMS_STATUS.Deprecated,
  retired: ADMS_STATUS.Withdrawn,
};

/** Authentication kinds as the catalogue writes them, keyed by the register's words in lower case. */
const AUTHENTICATION: Readonly<Record<string, string>> = {
  'api key': 'apiKey', api_key: 'apiKey', apikey: 'apiKey',
  oauth2: 'oauth2', 'oauth 2.0': 'oauth2', openid: 'openIdConnect', openidconnect: 'openIdConnect',
  bearer: 'bearer', basic: 'basic', http: 'http', none: 'none', mtls: 'mtls', 'mutual tls': 'mtls', tls: 'mtls',
};

/** Environment kinds keyed by words that server descriptions and environment names use, in lower case. */
const ENVIRONMENT_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(prod|production|productie)\b/, 'productie'],
  [/\b(acc|acceptance|acceptatie|staging|preprod)\b/, 'acceptatie'],
  [/\bsandbox\b/, 'sandbox'],
  [/\bdemo\b/, 'demo'],
  [/\b(test|testing)\b/, 'test'],
];

/**
 * Returns the IRI minted for an API from its OpenAPI document URL, so the IRI stays the same when the register
 * changes its ids: `{baseIri}id/api/{first 24 hex digits of the SHA-256 of the normalised URL}`.
 */
export function apiIriFromOasUrl(baseIri: string, oasUrl: string): string {
  return `${baseIri}id/api/${createHash('sha256').update(normaliseOasUrl(oasUrl)).digest('hex').slice(0, 24)}`;
}

/** Normalises an OpenAPI document URL: lower-case scheme and host, no default port, fragment or trailing slash. */
export function normaliseOasUrl(value: string): string {
  try {
    const url = new URL(value.trim());
    url.hash = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return value.trim();
  }
}

/** Returns the environment kind concept slug for a server description or environment name, if one matches. */
export function environmentKind(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const words = description.toLowerCase();
  return ENVIRONMENT_WORDS.find(([pattern]) => pattern.test(words))?.[1];
}

/** Returns the concept IRI of an environment kind (`productie`, `test`, ...). */
export function environmentIri(kind: string): NamedNode {
  return namedNode(`${BB_ID.environment.value}/${kind}`);
}

/** Returns the catalogue's authentication kind for a register value, or undefined for `unknown` and unknown words. */
export function authenticationKind(value: string): string | undefined {
  return AUTHENTICATION[value.trim().toLowerCase()];
}

/**
 * Maps one API detail to a record. An API without an OpenAPI URL gets an IRI from its register id and a
 * warning, because that IRI changes when the register changes its ids.
 * @param registerPage URL of the API's page in the register, used as landing page.
 */
export function mapApi(api: ApiDetail, options: { baseIri: string; sourceUrl: string; registerPage?: string }): HarvestedRecord {
  const oasUrl = toIri(api.oasUrl ?? undefined);
  const iri = oasUrl ? apiIriFromOasUrl(options.baseIri, oasUrl) : `${options.baseIri}id/api/register-${encodeURIComponent(api.id ?? 'unknown')}`;
  const record = new RecordBuilder(iri);
  const subject = record.subject;
  if (!oasUrl) {
    record.warn(DCAT.endpointDescription, api.oasUrl ?? undefined, {
      nl: 'De API heeft geen (geldige) URL van het OpenAPI-document; de IRI is afgeleid van het id in het register en verandert als dat id verandert.',
      en: 'The API has no (valid) OpenAPI document URL; its IRI is derived from the register id and changes when that id changes.',
    });
  }

  // Identity and description.
  record.add(subject, RDF.type, DCAT.DataService);
  record.addText(subject, DCT.identifier, api.id);
  record.addText(subject, DCT.title, api.title, 'nl');
  record.addText(subject, DCT.description, api.description, 'nl');
  if (oasUrl) record.add(subject, DCAT.endpointDescription, namedNode(oasUrl));
  if (options.registerPage) record.addIri(subject, DCAT.landingPage, options.registerPage);
  record.addIri(subject, FOAF.page, api.docsUrl);

  // Publisher and contact point.
  const publisher = organisationIri(api.organisation?.uri);
  if (publisher) record.add(subject, DCT.publisher, namedNode(publisher));
  else if (!isBlank(api.organisation?.uri)) {
    record.warn(DCT.publisher, api.organisation?.uri, {
      nl: `De organisatie "${api.organisation?.uri}" is geen URI en is weggelaten.`,
      en: `The organisation "${api.organisation?.uri}" is not a URI and was left out.`,
    });
  }
  addContactPoint(record, api.contact ?? undefined, api.organisation?.label);

  // Endpoints per environment; the production URL is also the service's endpoint URL.
  addEnvironments(record, api.servers ?? []);

  // Authentication kinds.
  for (const value of api.auth ?? []) {
    const kind = authenticationKind(value);
    if (kind) record.add(subject, BB.authentication, literal(kind));
  }

  // Lifecycle: status, version, deprecation and sunset dates.
  const lifecycle = api.lifecycle;
  if (lifecycle?.status) {
    record.add(subject, BB.lifecycleStatus, literal(lifecycle.status));
    const status = STATUS_BY_LIFECYCLE[lifecycle.status];
    if (status) record.add(subject, ADMS.status, status);
  }
  record.addText(subject, DCAT.version, lifecycle?.version);
  record.addDate(subject, BB.deprecationDate, lifecycle?.deprecated);
  record.addDate(subject, BB.sunsetDate, lifecycle?.sunset);

  // The API Design Rules score as a quality measurement.
  if (typeof api.adrScore === 'number' && Number.isFinite(api.adrScore)) {
    const measurement = record.node();
    record.add(subject, DQV.hasQualityMeasurement, measurement);
    record.add(measurement, RDF.type, DQV.QualityMeasurement);
    record.add(measurement, DQV.isMeasurementOf, BB.adrScore);
    record.add(measurement, DQV.computedOn, subject);
    record.add(measurement, DQV.value, literal(String(api.adrScore), XSD.decimal));
  }

  return { iri, quads: record.quads, sourceUrl: options.sourceUrl, findings: record.findings, ...(api.title ? { label: api.title } : {}) };
}

/** Maps an organisation of the register to an organisation record, or undefined when its URI is unusable. */
export function mapOrganisation(organisation: { uri?: string; label?: string }, sourceUrl: string): HarvestedRecord | undefined {
  const iri = organisationIri(organisation.uri);
  if (!iri) return undefined;
  const record = new RecordBuilder(iri);
  record.add(record.subject, RDF.type, FOAF.Organization);
  record.add(record.subject, RDF.type, ORG.Organization);
  record.addText(record.subject, FOAF.name, organisation.label, 'nl');
  if (organisation.uri && organisation.uri !== iri) record.addText(record.subject, DCT.identifier, organisation.uri);
  return { iri, quads: record.quads, sourceUrl, findings: record.findings, ...(organisation.label ? { label: organisation.label } : {}) };
}

/** Adds a `vcard:Organization` contact point, named after the contact or else the organisation. */
export function addContactPoint(
  record: RecordBuilder,
  contact: { name?: string; email?: string; url?: string; phone?: string } | undefined,
  fallbackName: string | undefined,
): void {
  if (!contact || (isBlank(contact.name) && isBlank(contact.email) && isBlank(contact.url) && isBlank(contact.phone))) return;
  const node = record.node();
  record.add(record.subject, DCAT.contactPoint, node);
  record.add(node, RDF.type, VCARD.Organization);
  record.addText(node, VCARD.fn, isBlank(contact.name) ? fallbackName : contact.name);
  if (!isBlank(contact.email)) record.addIri(node, VCARD.hasEmail, `mailto:${String(contact.email).trim().replace(/^mailto:/i, '')}`);
  record.addIri(node, VCARD.hasURL, contact.url);
  if (!isBlank(contact.phone)) record.addIri(node, VCARD.hasTelephone, `tel:${String(contact.phone).replace(/[^\d+]/g, '')}`);
}

/** Adds one `bb:Environment` per server, and the production URL as `dcat:endpointURL`. */
export function addEnvironments(record: RecordBuilder, servers: ReadonlyArray<{ url?: string; description?: string }>): void {
  const subject = record.subject;
  let production: string | undefined;
  for (const server of servers) {
    const url = toIri(server.url);
    if (!url) {
      if (!isBlank(server.url)) record.addIri(subject, DCAT.endpointURL, server.url);
      continue;
    }
    const kind = environmentKind(server.description) ?? (servers.length === 1 ? 'productie' : undefined);
    const node = record.node();
    record.add(subject, BB.environment, node);
    record.add(node, RDF.type, BB.Environment);
    record.add(node, DCAT.endpointURL, namedNode(url));
    if (kind) record.add(node, BB.environmentKind, environmentIri(kind));
    record.addText(node, DCT.description, server.description);
    if (kind === 'productie' && !production) production = url;
  }
  if (production) record.add(subject, DCAT.endpointURL, namedNode(production));
}
