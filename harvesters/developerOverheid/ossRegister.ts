/**
 * Harvester of the developer.overheid.nl OSS register (OSS-register API v1): every repository of
 * `GET /repositories` with its detail (including the extracted `publicCode`) from `GET /repositories/{id}`,
 * as `schema:SoftwareSourceCode` records linked to their organisation and to the APIs that their
 * publiccode.yml names.
 */
import { DataFactory, type NamedNode } from 'n3';
import type { SourceConfig } from '../../core/config';
import { describeError } from '../../core/errors';
import { ADMS, ADMS_STATUS, BB, DCT, RDF, SCHEMA, SPDX_LICENSES } from '../../vocab/namespaces';
import type { HarvestContext, HarvestedRecord, Harvester, HarvestSnapshot, ItemFailure } from '../Harvester';
import { mapConcurrently } from '../concurrency';
import { organisationIri } from '../organisations';
import { isBlank, RecordBuilder, toIri } from '../rdf';
import { apiIriFromOasUrl } from './apiRegisterMapping';
import { createRegisterClient, isItemFailure, MAX_PER_PAGE, readCollection, resolveUnder, type HttpTuning } from './registerClient';

const { literal, namedNode } = DataFactory;

/** Production base URL of the OSS register. */
export const OSS_REGISTER_URL = 'https://api.developer.overheid.nl/oss-register/v1';

/** A repository as `GET /repositories/{id}` returns it. */
export interface RepositoryDetail {
  readonly id?: string;
  readonly url?: string;
  readonly name?: string;
  readonly shortDescription?: string;
  readonly longDescription?: string;
  readonly organisation?: { readonly uri?: string; readonly label?: string } | null;
  readonly publicCodeUrl?: string;
  readonly createdAt?: string;
  readonly lastActivityAt?: string;
  readonly archived?: boolean;
  readonly forkType?: string;
  readonly publicCode?: PublicCode | null;
}

/** The fields of a publiccode.yml that the register passes on, plus `apiDocumentation` where a file has it. */
export interface PublicCode {
  readonly name?: string;
  readonly url?: string;
  readonly landingURL?: string;
  readonly softwareType?: string;
  readonly developmentStatus?: string;
  readonly platforms?: readonly string[];
  readonly legal?: { readonly license?: string };
  readonly description?: Readonly<Record<string, { shortDescription?: string; longDescription?: string; apiDocumentation?: string; features?: string[] }>>;
  readonly organisation?: { readonly uri?: string };
  readonly localisation?: { readonly availableLanguages?: readonly string[] };
  /** OpenAPI document URLs of the APIs the software implements (a Bouwblokken extension, when present). */
  readonly apis?: readonly string[];
}

/** ADMS status per publiccode.yml `developmentStatus`. */
const STATUS: Readonly<Record<string, NamedNode>> = {
  concept: ADMS_STATUS.UnderDevelopment,
  development: ADMS_STATUS.UnderDevelopment,
  beta: ADMS_STATUS.UnderDevelopment,
  stable: ADMS_STATUS.Completed,
  obsolete: ADMS_STATUS.Deprecated,
};

/** Reads the OSS register. */
export class OssRegisterHarvester implements Harvester {
  readonly kind = 'developer-overheid-oss-register';
  readonly location: string;
  readonly runTimeoutMs: number;

  constructor(readonly source: string, private readonly config: SourceConfig, private readonly tuning: HttpTuning = {}) {
    this.location = config.baseUrl ?? OSS_REGISTER_URL;
    this.runTimeoutMs = config.runTimeoutMs;
  }

  async harvest(context: HarvestContext): Promise<HarvestSnapshot> {
    const http = createRegisterClient(this.source, this.config, context, this.tuning);
    const perPage = Math.min(this.config.pageSize ?? MAX_PER_PAGE, MAX_PER_PAGE);

    // List every repository, then read each one's detail.
    const list = await readCollection<RepositoryDetail>(http, resolveUnder(this.location, `repositories?page=1&perPage=${perPage}`), {
      maxPages: this.config.maxPages, context,
    });
    const failures: ItemFailure[] = [];
    const records = await mapConcurrently(list.items, this.tuning.detailConcurrency ?? 4, async (summary): Promise<HarvestedRecord | undefined> => {
      const id = String(summary.id ?? '');
      const url = resolveUnder(this.location, `repositories/${encodeURIComponent(id)}`);
      try {
        const { json } = await http.getJson(url);
        return mapRepository(json as RepositoryDetail, { baseIri: context.baseIri, sourceUrl: url });
      } catch (error) {
        if (!isItemFailure(error)) throw error;
        failures.push({
          sourceUrl: url, itemId: id,
          message: {
            nl: `De details van repository ${id} konden niet worden gelezen: ${describeError(error)}`,
            en: `The detail of repository ${id} could not be read: ${describeError(error)}`,
          },
        });
        return undefined;
      }
    });
    return { records: records.filter((record): record is HarvestedRecord => record !== undefined), failures, itemsRead: list.items.length, pages: list.pages };
  }
}

/**
 * Maps one repository. Its IRI is the repository URL, which is the publisher's own identifier for it; a
 * repository without a URL gets one minted from its register id, with a violation, since the shapes require
 * `schema:codeRepository`.
 */
export function mapRepository(repository: RepositoryDetail, options: { baseIri: string; sourceUrl: string }): HarvestedRecord {
  const code = repository.publicCode ?? undefined;
  const url = toIri(repository.url) ?? toIri(code?.url);
  const iri = url ?? `${options.baseIri}id/repository/${encodeURIComponent(repository.id ?? 'unknown')}`;
  const record = new RecordBuilder(iri);
  const subject = record.subject;
  const descriptions = code?.description ?? {};
  const language = descriptions.nl ? 'nl' : Object.keys(descriptions)[0] ?? 'nl';
  const description = descriptions[language];

  // Identity and description: publiccode.yml first, the code hosting's values as fallback.
  record.add(subject, RDF.type, SCHEMA.SoftwareSourceCode);
  if (url) record.add(subject, SCHEMA.codeRepository, namedNode(url));
  record.addText(subject, DCT.identifier, repository.id);
  record.addText(subject, SCHEMA.name, code?.name ?? repository.name);
  record.addText(subject, SCHEMA.description, description?.shortDescription ?? repository.shortDescription, language);
  record.addIri(subject, SCHEMA.url, code?.landingURL);
  for (const feature of description?.features ?? []) record.addText(subject, SCHEMA.keywords, feature, language);

  // Organisation, licence, status and kind of software.
  const organisation = organisationIri(code?.organisation?.uri ?? repository.organisation?.uri);
  if (organisation) {
    record.add(subject, DCT.publisher, namedNode(organisation));
    record.add(subject, SCHEMA.maintainer, namedNode(organisation));
  }
  const licence = code?.legal?.license;
  if (!isBlank(licence)) record.add(subject, SCHEMA.license, spdxLicence(licence!));
  const status = code?.developmentStatus ? STATUS[code.developmentStatus] : undefined;
  if (repository.archived === true) record.add(subject, ADMS.status, ADMS_STATUS.Withdrawn);
  else if (status) record.add(subject, ADMS.status, status);
  record.addText(subject, SCHEMA.applicationCategory, code?.softwareType);
  record.addDate(subject, SCHEMA.dateModified, repository.lastActivityAt);

  // APIs the software implements, as publiccode.yml names them.
  for (const oasUrl of code?.apis ?? []) {
    const api = toIri(oasUrl);
    if (api) record.add(subject, BB.implementsApi, namedNode(apiIriFromOasUrl(options.baseIri, api)));
  }
  for (const block of Object.values(descriptions)) record.addIri(subject, DCT.relation, block.apiDocumentation);

  if (!url) {
    record.violate(SCHEMA.codeRepository, {
      nl: `Repository ${repository.id ?? ''} heeft geen URL; voeg de URL van de repository toe in het OSS-register.`,
      en: `Repository ${repository.id ?? ''} has no URL; add the repository's URL in the OSS register.`,
    });
  }
  const label = code?.name ?? repository.name;
  return { iri, quads: record.quads, sourceUrl: options.sourceUrl, findings: record.findings, ...(label ? { label } : {}) };
}

/** Returns an SPDX licence IRI for a single licence id, or the expression as a literal. */
function spdxLicence(expression: string) {
  const id = expression.trim();
  return /^[A-Za-z0-9.+-]+$/.test(id) ? SPDX_LICENSES.term(id) : literal(id);
}
