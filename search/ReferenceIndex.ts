/**
 * The reference index (verwijsindex): from any identifier to the records that describe or reference it, and
 * from a building block to every place it lives (APIs with their environments, datasets, test data, code,
 * documentation). Built in memory from record facts; immutable once built, so a new build can replace it
 * while requests keep reading the old one.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { BadInputError } from '../core/errors';
import { BB, DCAT, DCT, FOAF, SCHEMA } from '../vocab/namespaces';
import { normaliseIdentifier } from './identifiers';
import type { Endpoint, IdentifierMention, Provenance, RecordFacts, RecordType } from './recordFacts';
import { pickText, type RecordSummary } from './recordSummaries';

/** Source kinds whose records come from partner catalogues rather than from the national registers. */
export const PARTNER_SOURCE_KINDS: readonly string[] = ['dcat', 'ldes', 'sparql', 'bouwblokken'];

/** One record graph that carries an identifier. */
export interface ReferenceMatch extends Provenance, IdentifierMention {
  readonly record: string;
  readonly recordType?: RecordType;
  /** Path segment of the record in the REST API, when it is a served record. */
  readonly recordId?: string;
  readonly title?: string;
  /** Kind of the source as configured (`curated` for the curated catalogue). */
  readonly sourceKind: string;
}

/** The matches of one partner source. */
export interface PartnerMatches {
  readonly source: string;
  readonly kind: string;
  readonly matches: readonly ReferenceMatch[];
}

/** The result of a lookup: the records that describe or reference one identifier. */
export interface ReferenceLookup {
  readonly identifier: string;
  /** The normalised form that was looked up. */
  readonly key: string;
  /** Records of our own sources that describe the identifier. */
  readonly describedBy: readonly ReferenceMatch[];
  /** Records of our own sources that point to it (as publisher, linked record, standard, ...). */
  readonly referencedBy: readonly ReferenceMatch[];
  /** Partner catalogues that describe or reference it, one entry per partner source with matches. */
  readonly partners: readonly PartnerMatches[];
}

/** A statement that links a building block to a resource, with where it came from. */
export interface LinkStatement extends Provenance {
  readonly property: string;
}

/** An endpoint or OpenAPI document of an API, with where it came from. */
export type SourcedEndpoint = Endpoint & Provenance;

/** A resource that a building block links to, merged over every statement that makes the link. */
export interface LinkedResource {
  readonly iri: string;
  readonly type?: RecordType;
  readonly id?: string;
  readonly title?: string;
  readonly statedBy: readonly LinkStatement[];
  /** For APIs and test environments: their endpoints per environment. */
  readonly endpoints?: readonly SourcedEndpoint[];
  /** For APIs and test environments: their OpenAPI documents. */
  readonly openApiUrls?: ReadonlyArray<{ readonly url: string } & Provenance>;
}

/** Categories of the places a building block lives. */
export const LOCATION_CATEGORIES = [
  'apis', 'testEnvironments', 'datasets', 'testData', 'repositories', 'documentation', 'usesBlocks', 'parts',
  'partOf', 'registers', 'related',
] as const;
export type LocationCategory = (typeof LOCATION_CATEGORIES)[number];

/** Everywhere a building block lives. */
export type BuildingBlockLocations = { readonly block: string; readonly title?: string } & {
  readonly [C in LocationCategory]: readonly LinkedResource[];
};

/** Category of a link stated by the block itself, by property. */
const FORWARD_CATEGORIES: Readonly<Record<string, LocationCategory>> = {
  [BB.api.value]: 'apis',
  [BB.testEnvironment.value]: 'testEnvironments',
  [BB.dataset.value]: 'datasets',
  [BB.testData.value]: 'testData',
  [BB.codeRepository.value]: 'repositories',
  [SCHEMA.codeRepository.value]: 'repositories',
  [BB.documentation.value]: 'documentation',
  [FOAF.page.value]: 'documentation',
  [DCAT.landingPage.value]: 'documentation',
  [BB.usesBlock.value]: 'usesBlocks',
  [DCT.hasPart.value]: 'parts',
  [DCT.isPartOf.value]: 'partOf',
  [BB.partOfBlock.value]: 'partOf',
  [BB.servesRegister.value]: 'registers',
  [DCT.relation.value]: 'related',
};

/** Properties by which another record states that it is part of a building block. */
const REVERSE_PROPERTIES = new Set([DCT.isPartOf.value, BB.partOfBlock.value]);

/** Category of a record that states it is part of a block, by its type. */
const REVERSE_CATEGORIES: Partial<Record<RecordType, LocationCategory>> = {
  'api': 'apis',
  'dataset': 'datasets',
  'repository': 'repositories',
  'building-block': 'parts',
};

interface IndexedMention {
  readonly facts: RecordFacts;
  readonly mention: IdentifierMention;
}

export class ReferenceIndex {
  private constructor(
    private readonly mentions: ReadonlyMap<string, readonly IndexedMention[]>,
    private readonly factsByRecord: ReadonlyMap<string, readonly RecordFacts[]>,
    private readonly partsOf: ReadonlyMap<string, ReadonlyArray<{ facts: RecordFacts; property: string }>>,
    private readonly summaries: ReadonlyMap<string, RecordSummary>,
    private readonly sourceKinds: ReadonlyMap<string, string>,
  ) {}

  /**
   * Builds the index.
   * @param facts the facts of every record graph in the store.
   * @param summaries the merged records, for titles and types in lookup results.
   * @param sourceKinds kind per source name; a source not in it counts as `curated`.
   * Yields to the event loop every thousand record graphs.
   */
  static async build(facts: Iterable<RecordFacts>, summaries: ReadonlyMap<string, RecordSummary>, sourceKinds: ReadonlyMap<string, string>): Promise<ReferenceIndex> {
    const mentions = new Map<string, IndexedMention[]>();
    const factsByRecord = new Map<string, RecordFacts[]>();
    const partsOf = new Map<string, Array<{ facts: RecordFacts; property: string }>>();

    let indexed = 0;
    for (const fact of facts) {
      if (++indexed % 1_000 === 0) await yieldToEventLoop();
      push(factsByRecord, fact.record, fact);

      // Every identifier goes under its normalised key, and a graph that states the same thing twice counts once.
      const seen = new Set<string>();
      for (const mention of fact.mentions) {
        const key = normaliseIdentifier(mention.value);
        const dedupe = `${key}\u0000${mention.property}\u0000${mention.relation}\u0000${mention.environmentKind ?? ''}`;
        if (key === '' || seen.has(dedupe)) continue;
        seen.add(dedupe);
        push(mentions, key, { facts: fact, mention });
      }

      // Records that declare themselves part of a block.
      for (const link of fact.links) {
        if (REVERSE_PROPERTIES.has(link.property)) push(partsOf, link.target, { facts: fact, property: link.property });
      }
    }
    return new ReferenceIndex(mentions, factsByRecord, partsOf, summaries, sourceKinds);
  }

  /** Number of distinct normalised identifiers. */
  get size(): number {
    return this.mentions.size;
  }

  /**
   * Returns the records that describe or reference `identifier`, grouped into our own sources and partner
   * catalogues. An identifier that nothing carries gives empty lists, not an error.
   * @throws BadInputError when the identifier is empty.
   */
  lookup(identifier: string): ReferenceLookup {
    const key = normaliseIdentifier(identifier);
    if (key === '') throw new BadInputError('The identifier to look up is empty; pass a URL, IRI, OIN or other identifier');

    const describedBy: ReferenceMatch[] = [];
    const referencedBy: ReferenceMatch[] = [];
    const partners = new Map<string, ReferenceMatch[]>();
    for (const { facts, mention } of this.mentions.get(key) ?? []) {
      const match = this.toMatch(facts, mention);
      if (PARTNER_SOURCE_KINDS.includes(match.sourceKind)) push(partners, match.source, match);
      else if (match.relation === 'describes') describedBy.push(match);
      else referencedBy.push(match);
    }

    return {
      identifier,
      key,
      describedBy: sortMatches(describedBy),
      referencedBy: sortMatches(referencedBy),
      partners: [...partners].sort(([a], [b]) => a.localeCompare(b)).map(([source, matches]) => ({
        source, kind: this.sourceKinds.get(source) ?? 'curated', matches: sortMatches(matches),
      })),
    };
  }

  /**
   * Returns everywhere the building block `blockIri` lives, each link with the sources that state it.
   * Returns undefined when no record graph describes a building block with that IRI.
   */
  locations(blockIri: string): BuildingBlockLocations | undefined {
    const summary = this.summaries.get(blockIri);
    if (summary?.type !== 'building-block') return undefined;

    const categories = new Map<LocationCategory, Map<string, LinkStatement[]>>(LOCATION_CATEGORIES.map((category) => [category, new Map()]));

    // Links that the block's own record graphs state.
    for (const fact of this.factsByRecord.get(blockIri) ?? []) {
      for (const link of fact.links) {
        const category = FORWARD_CATEGORIES[link.property];
        if (category) push(categories.get(category)!, link.target, { ...provenanceOf(fact), property: link.property });
      }
    }

    // Records that say they are part of the block.
    for (const { facts, property } of this.partsOf.get(blockIri) ?? []) {
      const type = this.summaries.get(facts.record)?.type;
      const category = (type && REVERSE_CATEGORIES[type]) ?? 'related';
      push(categories.get(category)!, facts.record, { ...provenanceOf(facts), property });
    }

    const result: Record<string, unknown> = { block: blockIri };
    const title = pickText(summary.titles, 'nl');
    if (title) result.title = title;
    for (const [category, targets] of categories) {
      result[category] = [...targets].map(([iri, statedBy]) => this.linkedResource(iri, statedBy));
    }
    return result as BuildingBlockLocations;
  }

  /** Describes a linked resource, with the endpoints of an API from every graph that describes it. */
  private linkedResource(iri: string, statedBy: LinkStatement[]): LinkedResource {
    const summary = this.summaries.get(iri);
    const facts = this.factsByRecord.get(iri) ?? [];
    const endpoints = facts.flatMap((fact) => fact.endpoints.map((endpoint) => ({ ...endpoint, ...provenanceOf(fact) })));
    const openApiUrls = facts.flatMap((fact) => fact.openApiUrls.map((url) => ({ url, ...provenanceOf(fact) })));
    const title = summary ? pickText(summary.titles, 'nl') : undefined;
    return {
      iri,
      ...(summary ? { type: summary.type, id: summary.id } : {}),
      ...(title ? { title } : {}),
      statedBy,
      ...(endpoints.length > 0 ? { endpoints } : {}),
      ...(openApiUrls.length > 0 ? { openApiUrls } : {}),
    };
  }

  private toMatch(facts: RecordFacts, mention: IdentifierMention): ReferenceMatch {
    const summary = this.summaries.get(facts.record);
    const title = summary ? pickText(summary.titles, 'nl') : undefined;
    return {
      record: facts.record,
      ...(summary ? { recordType: summary.type, recordId: summary.id } : {}),
      ...(title ? { title } : {}),
      ...mention,
      ...provenanceOf(facts),
      sourceKind: this.sourceKinds.get(facts.source) ?? 'curated',
    };
  }
}

function provenanceOf(facts: RecordFacts): Provenance {
  const { graph, source, harvestedAt, sourceUrl } = facts;
  return sourceUrl ? { graph, source, harvestedAt, sourceUrl } : { graph, source, harvestedAt };
}

function sortMatches(matches: ReferenceMatch[]): ReferenceMatch[] {
  return matches.sort((a, b) => a.record.localeCompare(b.record) || a.source.localeCompare(b.source) || a.property.localeCompare(b.property));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
