/**
 * Links harvested APIs, datasets and code repositories to the building blocks they belong to, so that one
 * building block shows all of them. The links are stored as a source of their own, named `links`: one record
 * per linked subject (a building block, or a repository that implements an API) holding only link triples.
 * Keeping them apart means a harvest never rewrites curated records, and the links are recomputed as a whole
 * after every harvest, so a link disappears when its evidence does.
 *
 * A harvested resource is linked to a building block when
 * - the curated catalogue states the link: the block links to a curated resource (`bb:api`, `bb:dataset`,
 *   `bb:codeRepository`, ...) that has a URL (endpoint, OpenAPI document, landing page, repository) which the
 *   harvested resource also has; or
 * - both have the same publisher and either the harvested resource's title contains every word of the block's
 *   identifier (`haal-centraal-brp-bevragen`), or one of its URLs lies under one of the block's page URLs.
 * A repository implements an API when the API's OpenAPI document lies inside the repository.
 */
import { DataFactory } from 'n3';
import { UpstreamError } from '../core/errors';
import type { CatalogueStore, JsonTerm } from '../store/CatalogueStore';
import { BB, DCAT, FOAF, PREFIXES, SCHEMA } from '../vocab/namespaces';
import type { HarvestContext, HarvestedRecord, Harvester, HarvestSnapshot } from './Harvester';

const { namedNode, quad } = DataFactory;

/** Name of the source that contains the cross-source links. */
export const LINKS_SOURCE = 'links';

/** Link property from a building block, per class of the linked resource. */
const LINK_BY_CLASS: Readonly<Record<string, string>> = {
  [DCAT.DataService.value]: BB.api.value,
  [DCAT.Dataset.value]: BB.dataset.value,
  [SCHEMA.SoftwareSourceCode.value]: BB.codeRepository.value,
};

/** Properties whose values identify a resource by URL. */
const URL_PROPERTIES = [DCAT.endpointURL, DCAT.endpointDescription, DCAT.landingPage, FOAF.page, SCHEMA.codeRepository, SCHEMA.url, DCAT.accessURL];
/** Properties by which the curated catalogue states a link from a block. */
const STATED_LINKS = [BB.api, BB.dataset, BB.codeRepository, BB.testEnvironment, BB.testData, BB.documentation];

interface Block { iri: string; identifier?: string; publishers: Set<string>; pages: Set<string> }
interface Candidate { iri: string; type: string; title: string; publishers: Set<string>; urls: Set<string> }

/** Computes the links from what the store contains now. Reads the store; never reads the network. */
export class CrossLinkHarvester implements Harvester {
  readonly source = LINKS_SOURCE;
  readonly kind = 'links';
  readonly location = 'catalogue';
  readonly runTimeoutMs = 120_000;

  constructor(private readonly store: CatalogueStore) {}

  async harvest(context: HarvestContext): Promise<HarvestSnapshot> {
    const blocks = await this.readBlocks();
    const candidates = await this.readCandidates();
    const stated = await this.readStatedLinks();
    const links = new Map<string, Map<string, Set<string>>>();
    const add = (subject: string, predicate: string, object: string): void => {
      const bySubject = links.get(subject) ?? new Map<string, Set<string>>();
      const objects = bySubject.get(predicate) ?? new Set<string>();
      objects.add(object);
      bySubject.set(predicate, objects);
      links.set(subject, bySubject);
    };

    // Links stated in the curated catalogue, through a shared URL.
    for (const candidate of candidates.values()) {
      for (const url of candidate.urls) {
        for (const link of stated.get(url) ?? []) add(link.block, link.property, candidate.iri);
      }
    }

    // Links inferred from publisher plus name or URL.
    for (const block of blocks.values()) {
      const words = block.identifier ? block.identifier.toLowerCase().split('-').filter(Boolean) : [];
      for (const candidate of candidates.values()) {
        if (![...candidate.publishers].some((publisher) => block.publishers.has(publisher))) continue;
        const titleWords = new Set(candidate.title.toLowerCase().split(/[^\p{L}\p{N}]+/u));
        const byName = words.length > 0 && words.every((word) => titleWords.has(word));
        const byUrl = [...candidate.urls].some((url) => [...block.pages].some((page) => isUnder(url, page)));
        if (byName || byUrl) add(block.iri, LINK_BY_CLASS[candidate.type]!, candidate.iri);
      }
    }

    // Repositories that hold an API's OpenAPI document implement that API.
    const repositories = [...candidates.values()].filter((candidate) => candidate.type === SCHEMA.SoftwareSourceCode.value);
    for (const api of candidates.values()) {
      if (api.type !== DCAT.DataService.value) continue;
      for (const repository of repositories) {
        const repositoryUrls = [...repository.urls].flatMap(repositoryFileUrls);
        if ([...api.urls].some((url) => repositoryUrls.some((prefix) => url.startsWith(prefix)))) add(repository.iri, BB.implementsApi.value, api.iri);
      }
    }

    // One record per linked subject.
    const records: HarvestedRecord[] = [...links].map(([subject, byPredicate]) => ({
      iri: subject,
      sourceUrl: this.store.provenanceGraph,
      quads: [...byPredicate].flatMap(([predicate, objects]) => [...objects].map((object) => quad(namedNode(subject), namedNode(predicate), namedNode(object)))),
    }));
    context.progress({ pages: 1, items: records.length });
    return { records, failures: [], itemsRead: candidates.size, pages: 1 };
  }

  private async readBlocks(): Promise<Map<string, Block>> {
    const rows = await this.select(`SELECT ?block ?identifier ?publisher ?page WHERE {
      ?block a bb:BuildingBlock .
      OPTIONAL { ?block dct:identifier ?identifier }
      OPTIONAL { ?block dct:publisher ?publisher }
      OPTIONAL { ?block dcat:landingPage|foaf:page ?page }
    }`);
    const blocks = new Map<string, Block>();
    for (const row of rows) {
      const iri = row.block!.value;
      const block = blocks.get(iri) ?? { iri, publishers: new Set<string>(), pages: new Set<string>() };
      if (row.identifier) block.identifier = row.identifier.value;
      if (row.publisher) block.publishers.add(row.publisher.value);
      // A page at the root of a site tells nothing about which of the site's resources belong to the block.
      if (row.page && hasPath(row.page.value)) block.pages.add(normaliseUrl(row.page.value));
      blocks.set(iri, block);
    }
    return blocks;
  }

  private async readCandidates(): Promise<Map<string, Candidate>> {
    const urlPath = URL_PROPERTIES.map((property) => `<${property.value}>`).join('|');
    const rows = await this.select(`SELECT ?resource ?type ?title ?publisher ?url WHERE {
      GRAPH <${this.store.provenanceGraph}> { ?graph bb:sourceName ?source FILTER(?source NOT IN ("curated", "${LINKS_SOURCE}")) }
      GRAPH ?graph {
        ?resource a ?type .
        VALUES ?type { dcat:DataService dcat:Dataset schema:SoftwareSourceCode }
        OPTIONAL { ?resource dct:title|schema:name ?title }
        OPTIONAL { ?resource dct:publisher ?publisher }
        OPTIONAL { ?resource ${urlPath} ?url FILTER(isIRI(?url)) }
      }
    }`);
    const candidates = new Map<string, Candidate>();
    for (const row of rows) {
      const iri = row.resource!.value;
      const candidate = candidates.get(iri) ?? { iri, type: row.type!.value, title: '', publishers: new Set<string>(), urls: new Set<string>() };
      if (row.title && candidate.title.length < row.title.value.length) candidate.title = row.title.value;
      if (row.publisher) candidate.publishers.add(row.publisher.value);
      if (row.url) candidate.urls.add(normaliseUrl(row.url.value));
      candidates.set(iri, candidate);
    }
    return candidates;
  }

  /** Returns, per normalised URL, the blocks that state a link to a curated resource with that URL. */
  private async readStatedLinks(): Promise<Map<string, Array<{ block: string; property: string }>>> {
    const urlPath = URL_PROPERTIES.map((property) => `<${property.value}>`).join('|');
    const linkValues = STATED_LINKS.map((property) => `<${property.value}>`).join(' ');
    const rows = await this.select(`SELECT ?block ?property ?url WHERE {
      ?block a bb:BuildingBlock ; ?property ?target .
      VALUES ?property { ${linkValues} }
      ?target ${urlPath} ?url .
      FILTER(isIRI(?url))
    }`);
    const stated = new Map<string, Array<{ block: string; property: string }>>();
    for (const row of rows) {
      const url = normaliseUrl(row.url!.value);
      stated.set(url, [...(stated.get(url) ?? []), { block: row.block!.value, property: row.property!.value }]);
    }
    return stated;
  }

  private async select(body: string): Promise<ReadonlyArray<Readonly<Record<string, JsonTerm>>>> {
    const prefixes = ['bb', 'dct', 'dcat', 'foaf', 'schema', 'rdf'].map((prefix) => `PREFIX ${prefix}: <${PREFIXES[prefix]}>`).join('\n');
    const result = await this.store.query({ query: `${prefixes}\n${body}`, maxResults: 1_000_000 });
    if (result.type !== 'bindings') throw new UpstreamError(`The store returned ${result.type} for a SELECT query of the cross-source links`);
    return result.bindings;
  }
}

/** Lower-cases scheme and host, and drops fragment, query and trailing slash, so URLs compare as written. */
export function normaliseUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host.toLowerCase().replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return value;
  }
}

function hasPath(value: string): boolean {
  try {
    return new URL(value).pathname.length > 1;
  } catch {
    return false;
  }
}

/** Returns true when `url` is `page` or lies under it as a path. */
function isUnder(url: string, page: string): boolean {
  return url === page || url.startsWith(`${page}/`);
}

/** Returns the URL prefixes under which a repository's files are served (GitHub and GitLab). */
function repositoryFileUrls(repositoryUrl: string): string[] {
  const github = /^https:\/\/github\.com\/([^/]+)\/([^/]+)$/.exec(repositoryUrl);
  if (github) return [`${repositoryUrl}/`, `https://raw.githubusercontent.com/${github[1]}/${github[2]}/`];
  return [`${repositoryUrl}/`];
}
