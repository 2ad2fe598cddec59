/**
 * Reads the catalogue's statements about one resource: its description (the union of its quads over all record
 * graphs, with the blank nodes it reaches), the records that hold it, and labels of the resources it links
 * to. Every query is built as a sparqljs structure, because the IRI comes from the request.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import sparqljs from 'sparqljs';
import { BadInputError } from '../../core/errors';
import type { CatalogueStore, JsonTerm } from '../../store/CatalogueStore';
import { BB, DCT, FOAF, PROV, RDFS, SKOS } from '../../vocab/namespaces';
import type { QueryGate } from '../sparql/QueryGate';
import { isAbsoluteIri } from '../sparql/protocolRequest';
import { parseNTriples } from './rdfFormats';

const { namedNode, variable } = DataFactory;
const generator = new sparqljs.Generator();

/** Properties whose value names a resource for people, in order of preference. */
export const LABEL_PROPERTIES = [DCT.title, FOAF.name, SKOS.prefLabel, RDFS.label] as const;

/** A record graph that contains quads about a resource. */
export interface ResourceSource {
  readonly source: string;
  readonly graph: string;
  readonly harvestedAt?: string;
}

/** Runs queries for one resource through the shared query gate. */
export class ResourceReader {
  constructor(
    private readonly store: CatalogueStore,
    private readonly gate: QueryGate,
    private readonly budget: { readonly timeoutMs: number; readonly maxResults: number },
  ) {}

  /**
   * Returns the concise bounded description of `iri` over the union of all graphs (oxigraph's DESCRIBE).
   * @throws BadInputError when `iri` is not an absolute IRI; LimitExceededError from the store.
   */
  async describe(iri: string): Promise<Quad[]> {
    assertIri(iri);
    const query = generator.stringify({ type: 'query', queryType: 'DESCRIBE', variables: [namedNode(iri)], prefixes: {} } as sparqljs.DescribeQuery);
    const result = await this.run(query);
    if (result.type !== 'quads') throw new Error(`DESCRIBE returned ${result.type} instead of quads`);
    return parseNTriples(result.ntriples);
  }

  /** Returns the record graphs whose primary topic is `iri`, with source and harvest time. */
  async sources(iri: string): Promise<ResourceSource[]> {
    assertIri(iri);
    const graph = variable('graph');
    const source = variable('source');
    const harvestedAt = variable('harvestedAt');
    const query: sparqljs.SelectQuery = {
      type: 'query',
      queryType: 'SELECT',
      prefixes: {},
      variables: [graph, source, harvestedAt],
      where: [
        { type: 'bgp', triples: [
          { subject: graph, predicate: FOAF.primaryTopic, object: namedNode(iri) },
          { subject: graph, predicate: BB.sourceName, object: source },
        ] },
        { type: 'optional', patterns: [{ type: 'bgp', triples: [{ subject: graph, predicate: PROV.generatedAtTime, object: harvestedAt }] }] },
      ],
      order: [{ expression: source }],
    };
    return (await this.select(generator.stringify(query))).map((row) => ({
      source: row.source!.value,
      graph: row.graph!.value,
      ...(row.harvestedAt ? { harvestedAt: row.harvestedAt.value } : {}),
    }));
  }

  /**
   * Returns a label per IRI for the IRIs that the catalogue describes, preferring Dutch. IRIs without a
   * label are left out, so the caller can tell described resources from external ones.
   */
  async labels(iris: readonly string[]): Promise<Map<string, string>> {
    const candidates = [...new Set(iris)].filter(isAbsoluteIri);
    if (candidates.length === 0) return new Map();
    const resource = variable('resource');
    const property = variable('property');
    const label = variable('label');
    const query: sparqljs.SelectQuery = {
      type: 'query',
      queryType: 'SELECT',
      prefixes: {},
      variables: [resource, property, label],
      where: [
        { type: 'values', values: candidates.map((iri) => ({ '?resource': namedNode(iri) })) },
        { type: 'values', values: LABEL_PROPERTIES.map((term) => ({ '?property': term })) },
        { type: 'bgp', triples: [{ subject: resource, predicate: property, object: label }] },
      ],
    };
    const rows = await this.select(generator.stringify(query));

    // Keep the best label per resource: by property order, then Dutch, then English, then any.
    const languageRanks: Record<string, number> = { nl: 0, en: 1 };
    const rank = (row: Readonly<Record<string, JsonTerm>>) => {
      const propertyRank = LABEL_PROPERTIES.findIndex((term) => term.value === row.property?.value);
      const languageRank = languageRanks[row.label?.['xml:lang'] ?? ''] ?? 2;
      return propertyRank * 3 + languageRank;
    };
    const best = new Map<string, { label: string; rank: number }>();
    for (const row of rows) {
      const key = row.resource!.value;
      const current = best.get(key);
      if (!current || rank(row) < current.rank) best.set(key, { label: row.label!.value, rank: rank(row) });
    }
    return new Map([...best].map(([key, value]) => [key, value.label]));
  }

  private async select(query: string): Promise<ReadonlyArray<Readonly<Record<string, JsonTerm>>>> {
    const result = await this.run(query);
    if (result.type !== 'bindings') throw new Error(`SELECT returned ${result.type} instead of bindings`);
    return result.bindings;
  }

  private run(query: string) {
    return this.gate.run(() => this.store.query({ query, timeoutMs: this.budget.timeoutMs, maxResults: this.budget.maxResults }));
  }
}

/** @throws BadInputError when `iri` is not an absolute IRI that SPARQL can write between angle brackets. */
export function assertIri(iri: string): void {
  if (!isAbsoluteIri(iri)) {
    throw new BadInputError(`"${iri}" is not an absolute IRI; give one such as https://w3id.org/bouwblokken/id/bouwblok/digid`);
  }
}
