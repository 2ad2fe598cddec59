/**
 * Harvester of the open data of the first developer.overheid.nl register (2019-2021): a directory with one
 * JSON file per API (`service_name`, `organization_oin`, `environments[]`, ...), the file name being the id.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataFactory } from 'n3';
import type { SourceConfig } from '../../core/config';
import { BadInputError } from '../../core/errors';
import { ADMS, BB, DCAT, DCT, EUAUTH, FOAF, ORG, RDF, SKOS } from '../../vocab/namespaces';
import type { HarvestContext, HarvestedRecord, Harvester, HarvestSnapshot, ItemFailure } from '../Harvester';
import { organisationIriForOin } from '../organisations';
import { isBlank, RecordBuilder, toIri } from '../rdf';
import { addContactPoint, apiIriFromOasUrl, environmentIri, environmentKind } from './apiRegisterMapping';

const { literal, namedNode } = DataFactory;

/** One API file of the 2019-2021 register. */
export interface LegacyApi {
  readonly service_name?: string;
  readonly description?: string;
  readonly organization_name?: string;
  readonly organization_oin?: string;
  readonly api_type?: string;
  readonly api_authentication?: string;
  readonly environments?: ReadonlyArray<{ name?: string; api_url?: string; specification_url?: string; documentation_url?: string }>;
  readonly contact?: { email?: string; phone?: string; url?: string };
  readonly terms_of_use?: { government_only?: boolean };
  readonly tags?: readonly string[];
}

/** Authentication kinds keyed by the 2019-2021 register's values. */
const LEGACY_AUTHENTICATION: Readonly<Record<string, string>> = {
  api_key: 'apiKey', none: 'none', mutual_tls: 'mtls', oauth2: 'oauth2', unknown: '',
};

/** Reads a directory of 2019-2021 register files. */
export class LegacyRegisterHarvester implements Harvester {
  readonly kind = 'developer-overheid-legacy';
  readonly location: string;
  readonly runTimeoutMs: number;

  /** @throws BadInputError when the source has no `directory`. */
  constructor(readonly source: string, config: SourceConfig) {
    if (!config.directory) throw new BadInputError(`Source "${source}" (developer-overheid-legacy) needs a "directory" with the register's JSON files`);
    this.location = path.resolve(config.directory);
    this.runTimeoutMs = config.runTimeoutMs;
  }

  async harvest(context: HarvestContext): Promise<HarvestSnapshot> {
    let names: string[];
    try {
      names = (await readdir(this.location)).filter((name) => name.endsWith('.json')).sort();
    } catch (error) {
      throw new BadInputError(`Directory ${this.location} of source "${this.source}" cannot be read`, { cause: error });
    }

    const records: HarvestedRecord[] = [];
    const failures: ItemFailure[] = [];
    const organisations = new Map<string, { name?: string; oin: string }>();
    for (const [index, name] of names.entries()) {
      const file = path.join(this.location, name);
      const sourceUrl = pathToFileURL(file).toString();
      const id = name.replace(/\.json$/, '');
      try {
        const api = JSON.parse(await readFile(file, 'utf8')) as LegacyApi;
        if (typeof api !== 'object' || api === null || Array.isArray(api)) throw new Error('the file holds no JSON object');
        records.push(mapLegacyApi(api, id, { baseIri: context.baseIri, sourceUrl }));
        if (api.organization_oin) organisations.set(api.organization_oin, { oin: api.organization_oin, name: organisations.get(api.organization_oin)?.name ?? api.organization_name });
      } catch (error) {
        failures.push({
          sourceUrl, itemId: id,
          message: { nl: `Het bestand ${name} is geen geldig API-bestand: ${(error as Error).message}`, en: `File ${name} is not a valid API file: ${(error as Error).message}` },
        });
      }
      context.progress({ pages: index + 1, items: index + 1 });
    }

    // Organisations that have no TOOI mapping get a record of their own, identified by their OIN.
    for (const organisation of organisations.values()) {
      if (organisationIriForOin(organisation.oin)) continue;
      records.push(mapLegacyOrganisation(organisation, context.baseIri, pathToFileURL(this.location).toString()));
    }
    return { records, failures, itemsRead: names.length, pages: names.length };
  }
}

/** Returns the IRI of an organisation of the 2019-2021 register: TOOI when known, else minted from its OIN. */
export function legacyOrganisationIri(oin: string, baseIri: string): string {
  return organisationIriForOin(oin) ?? `${baseIri}id/organisation/oin-${encodeURIComponent(oin)}`;
}

/**
 * Maps one API file. The IRI comes from the production OpenAPI URL when there is one, so an API that is also in
 * the current register gets the same IRI there; otherwise from the file's id.
 */
export function mapLegacyApi(api: LegacyApi, id: string, options: { baseIri: string; sourceUrl: string }): HarvestedRecord {
  const environments = api.environments ?? [];
  const production = environments.find((environment) => environmentKind(environment.name) === 'productie') ?? environments[0];
  const specification = toIri(production?.specification_url);
  const iri = specification ? apiIriFromOasUrl(options.baseIri, specification) : `${options.baseIri}id/api/legacy-${encodeURIComponent(id)}`;
  const record = new RecordBuilder(iri);
  const subject = record.subject;

  record.add(subject, RDF.type, DCAT.DataService);
  record.addText(subject, DCT.identifier, id);
  record.addText(subject, DCT.title, api.service_name, 'nl');
  record.addText(subject, DCT.description, api.description, 'nl');
  if (specification) record.add(subject, DCAT.endpointDescription, namedNode(specification));
  if (api.organization_oin) record.add(subject, DCT.publisher, namedNode(legacyOrganisationIri(api.organization_oin, options.baseIri)));
  addContactPoint(record, api.contact, api.organization_name);
  for (const tag of api.tags ?? []) record.addText(subject, DCAT.keyword, tag, 'nl');

  // Authentication and access.
  const authentication = LEGACY_AUTHENTICATION[api.api_authentication ?? ''];
  if (authentication) record.add(subject, BB.authentication, literal(authentication));
  if (typeof api.terms_of_use?.government_only === 'boolean') {
    record.add(subject, DCT.accessRights, EUAUTH.term(`access-right/${api.terms_of_use.government_only ? 'RESTRICTED' : 'PUBLIC'}`));
  }

  // One environment per entry; the production one gives the endpoint URL and documentation page.
  for (const environment of environments) {
    const url = toIri(environment.api_url);
    if (!url) {
      if (!isBlank(environment.api_url)) record.addIri(subject, DCAT.endpointURL, environment.api_url);
      continue;
    }
    const node = record.node();
    record.add(subject, BB.environment, node);
    record.add(node, RDF.type, BB.Environment);
    record.add(node, DCAT.endpointURL, namedNode(url));
    const kind = environmentKind(environment.name);
    if (kind) record.add(node, BB.environmentKind, environmentIri(kind));
    record.addText(node, DCT.description, environment.name);
    record.addIri(node, FOAF.page, environment.documentation_url);
    if (environment === production) {
      record.add(subject, DCAT.endpointURL, namedNode(url));
      record.addIri(subject, FOAF.page, environment.documentation_url);
    }
  }
  return { iri, quads: record.quads, sourceUrl: options.sourceUrl, findings: record.findings, ...(api.service_name ? { label: api.service_name } : {}) };
}

function mapLegacyOrganisation(organisation: { name?: string; oin: string }, baseIri: string, sourceUrl: string): HarvestedRecord {
  const iri = legacyOrganisationIri(organisation.oin, baseIri);
  const record = new RecordBuilder(iri);
  record.add(record.subject, RDF.type, FOAF.Organization);
  record.add(record.subject, RDF.type, ORG.Organization);
  record.addText(record.subject, FOAF.name, organisation.name, 'nl');
  const identifier = record.node();
  record.add(record.subject, ADMS.identifier, identifier);
  record.add(identifier, RDF.type, ADMS.Identifier);
  record.add(identifier, SKOS.notation, literal(organisation.oin));
  record.add(identifier, DCT.type, literal('OIN'));
  return { iri, quads: record.quads, sourceUrl, findings: record.findings, ...(organisation.name ? { label: organisation.name } : {}) };
}
