/**
 * Turns the statements of record graphs into the facts that the derived indexes use: a summary per record
 * (titles, kinds, organisations, ...), the identifiers it carries, the links it makes and the environments
 * of an API. Pure functions over `RecordGraph` values; nothing here reads the store.
 */
import { createHash } from 'node:crypto';
import type { JsonTerm } from '../store/CatalogueStore';
import {
  ADMS, BB, BB_ID, DCAT, DCT, FOAF, OWL, PROV, RDF, SCHEMA, SKOS, TOOI,
} from '../vocab/namespaces';
import { normaliseIdentifier } from './identifiers';
import { termKey, type RecordGraph, type Statement } from './recordGraphs';

/** The record types that the REST API serves, in the order used to pick one for a record with several classes. */
export const RECORD_TYPES = ['building-block', 'api', 'dataset', 'repository', 'organisation', 'concept'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The class that makes a record of each type. */
const TYPE_CLASSES: ReadonlyArray<readonly [RecordType, readonly string[]]> = [
  ['building-block', [BB.BuildingBlock.value]],
  ['api', [DCAT.DataService.value]],
  ['dataset', [DCAT.Dataset.value]],
  ['repository', [SCHEMA.SoftwareSourceCode.value]],
  ['organisation', [FOAF.Organization.value, 'http://www.w3.org/ns/org#Organization']],
  ['concept', [SKOS.Concept.value, SKOS.ConceptScheme.value]],
];

/** A literal with its language tag, when it has one. */
export interface LanguageText {
  readonly value: string;
  readonly language?: string;
}

/** Origin of a statement: the record graph, its source and its harvest time. */
export interface Provenance {
  readonly graph: string;
  readonly source: string;
  readonly harvestedAt: string;
  readonly sourceUrl?: string;
}

/** One identifier (URL or literal) that a record graph carries, and how. */
export interface IdentifierMention {
  /** The value as written in the source. */
  readonly value: string;
  /** The property that carries it; `foaf:primaryTopic` stands for the record's own IRI. */
  readonly property: string;
  /**
   * `describes` when the identifier names the record's resource or its access points (its IRI, `owl:sameAs`,
   * identifiers, endpoints, OpenAPI document, repository URL, landing page); `references` when the record
   * only points to it (publisher, linked records, standards).
   */
  readonly relation: 'describes' | 'references';
  /** Environment kind IRI, when the identifier is the endpoint of a `bb:Environment`. */
  readonly environmentKind?: string;
  /** Identifier scheme (`dct:type` of an `adms:Identifier`, such as "OIN"). */
  readonly scheme?: string;
}

/** An outgoing link from a record to another resource. */
export interface RecordLink {
  readonly property: string;
  readonly target: string;
}

/** An endpoint of an API: production (`dcat:endpointURL` of the service itself) or a `bb:Environment`. */
export interface Endpoint {
  /** Environment kind IRI; the production concept for the service's own endpoint URL. */
  readonly kind?: string;
  readonly endpointUrl: string;
}

/** Texts and classifications of a record, shared by the facts of one graph and the merged summary. */
export interface RecordDescription {
  readonly titles: readonly LanguageText[];
  readonly descriptions: readonly LanguageText[];
  readonly keywords: readonly LanguageText[];
  readonly applications: readonly LanguageText[];
  readonly identifiers: readonly string[];
  readonly kinds: readonly string[];
  readonly domains: readonly string[];
  readonly statuses: readonly string[];
  readonly themes: readonly string[];
  readonly organisations: readonly string[];
  /** Latest `dct:modified` given. */
  readonly modified?: string;
}

/** Facts that one record graph states about its record. */
export interface RecordFacts extends Provenance, RecordDescription {
  readonly record: string;
  readonly classes: readonly string[];
  readonly mentions: readonly IdentifierMention[];
  readonly links: readonly RecordLink[];
  readonly endpoints: readonly Endpoint[];
  readonly openApiUrls: readonly string[];
}

/** Properties whose values name the record's resource or one of its access points. */
const DESCRIBING_PROPERTIES = new Set([
  OWL.sameAs, DCT.identifier, DCAT.endpointURL, DCAT.endpointDescription, DCAT.landingPage, DCAT.accessURL,
  DCAT.downloadURL, SCHEMA.codeRepository, SCHEMA.url, FOAF.homepage,
].map((term) => term.value));

/** Properties whose IRI values point to other resources (organisations, linked records, standards). */
const REFERENCING_PROPERTIES = new Set([
  DCT.publisher, PROV.agent, DCT.relation, DCT.isPartOf, DCT.hasPart, DCT.conformsTo, FOAF.page,
  BB.api, BB.testEnvironment, BB.testData, BB.dataset, BB.codeRepository, BB.documentation, BB.usesBlock,
  BB.partOfBlock, BB.servesRegister, BB.implementsApi,
].map((term) => term.value));

/** Link properties kept as `RecordLink`s of the record itself. */
const LINK_PROPERTIES = new Set([
  ...REFERENCING_PROPERTIES, DCAT.landingPage.value, SCHEMA.codeRepository.value,
]);

/** The production environment concept, implied for the `dcat:endpointURL` of a data service itself. */
export const PRODUCTION_ENVIRONMENT = `${BB_ID.namespace}environment/productie`;

/** Derives the facts of one record graph. */
export function describeRecordGraph(recordGraph: RecordGraph): RecordFacts {
  const { record } = recordGraph;
  const bySubject = groupBySubject(recordGraph.statements);
  const own = bySubject.get(record) ?? [];
  const iris = (property: { value: string }) => own.filter((s) => s.property === property.value && s.value.type === 'uri').map((s) => s.value.value);
  const texts = (...properties: Array<{ value: string }>) => own
    .filter((s) => s.value.type === 'literal' && properties.some((property) => property.value === s.property))
    .map((s) => toLanguageText(s.value));

  // Organisations: the publisher and every agent of a qualified attribution.
  const organisations = new Set(iris(DCT.publisher));
  for (const attribution of own.filter((s) => s.property === PROV.qualifiedAttribution.value)) {
    for (const s of bySubject.get(termKey(attribution.value)) ?? []) {
      if (s.property === PROV.agent.value && s.value.type === 'uri') organisations.add(s.value.value);
    }
  }

  // Endpoints: each environment node adds one. The service's own endpoint URL counts as production unless an
  // environment node already names it (a sandbox-only service lists its sandbox URL in both places).
  const endpoints: Endpoint[] = [];
  for (const environment of own.filter((s) => s.property === BB.environment.value)) {
    const node = bySubject.get(termKey(environment.value)) ?? [];
    const kind = node.find((s) => s.property === BB.environmentKind.value)?.value.value;
    for (const s of node.filter((statement) => statement.property === DCAT.endpointURL.value)) {
      const duplicate = endpoints.some((endpoint) => endpoint.kind === kind && normaliseIdentifier(endpoint.endpointUrl) === normaliseIdentifier(s.value.value));
      if (!duplicate) endpoints.push(kind ? { kind, endpointUrl: s.value.value } : { endpointUrl: s.value.value });
    }
  }
  for (const endpointUrl of iris(DCAT.endpointURL)) {
    const listed = endpoints.some((endpoint) => normaliseIdentifier(endpoint.endpointUrl) === normaliseIdentifier(endpointUrl));
    if (!listed) endpoints.unshift({ kind: PRODUCTION_ENVIRONMENT, endpointUrl });
  }

  const modified = own.filter((s) => s.property === DCT.modified.value).map((s) => s.value.value).sort().at(-1);
  return {
    graph: recordGraph.graph,
    source: recordGraph.source,
    harvestedAt: recordGraph.harvestedAt,
    ...(recordGraph.sourceUrl ? { sourceUrl: recordGraph.sourceUrl } : {}),
    record,
    classes: iris(RDF.type),
    titles: texts(DCT.title, FOAF.name, SCHEMA.name, SKOS.prefLabel),
    descriptions: texts(DCT.description, SCHEMA.description),
    keywords: texts(DCAT.keyword, SCHEMA.keywords),
    applications: texts(BB.application),
    identifiers: own.filter((s) => s.property === DCT.identifier.value).map((s) => s.value.value),
    kinds: iris(BB.kind),
    domains: iris(BB.domain),
    statuses: iris(ADMS.status),
    themes: iris(DCAT.theme),
    organisations: [...organisations],
    ...(modified ? { modified } : {}),
    mentions: collectMentions(recordGraph, bySubject),
    links: own.filter((s) => LINK_PROPERTIES.has(s.property) && s.value.type === 'uri').map((s) => ({ property: s.property, target: s.value.value })),
    endpoints,
    openApiUrls: iris(DCAT.endpointDescription),
  };
}

/** Collects every identifier of a record graph: the record IRI, describing and referencing values, OINs. */
function collectMentions(recordGraph: RecordGraph, bySubject: ReadonlyMap<string, Statement[]>): IdentifierMention[] {
  const mentions: IdentifierMention[] = [{ value: recordGraph.record, property: FOAF.primaryTopic.value, relation: 'describes' }];

  // Environment kinds by environment node, so an endpoint is attributed to the environment it serves.
  const environmentKinds = new Map<string, string>();
  for (const statement of recordGraph.statements) {
    if (statement.property === BB.environmentKind.value) environmentKinds.set(statement.subject, statement.value.value);
  }
  const environmentUrls = new Set(recordGraph.statements
    .filter((statement) => statement.property === DCAT.endpointURL.value && environmentKinds.has(statement.subject))
    .map((statement) => normaliseIdentifier(statement.value.value)));

  for (const statement of recordGraph.statements) {
    const { property, value } = statement;
    if (value.type === 'bnode') continue;

    // Identifier nodes (`adms:identifier [ skos:notation "..." ; dct:type "OIN" ]`) describe the record.
    if (property === SKOS.notation.value) {
      const scheme = (bySubject.get(statement.subject) ?? []).find((s) => s.property === DCT.type.value)?.value.value;
      mentions.push({ value: value.value, property: ADMS.identifier.value, relation: 'describes', ...(scheme ? { scheme } : {}) });
      continue;
    }

    if (DESCRIBING_PROPERTIES.has(property)) {
      // The endpoint URL of the service itself is its production endpoint, unless an environment node names it.
      const ownEndpoint = statement.subject === recordGraph.record && property === DCAT.endpointURL.value;
      if (ownEndpoint && environmentUrls.has(normaliseIdentifier(value.value))) continue;
      const environmentKind = ownEndpoint ? PRODUCTION_ENVIRONMENT : environmentKinds.get(statement.subject);
      mentions.push({ value: value.value, property, relation: 'describes', ...(environmentKind ? { environmentKind } : {}) });
    } else if (REFERENCING_PROPERTIES.has(property) && value.type === 'uri') {
      mentions.push({ value: value.value, property, relation: 'references' });
    }
  }
  return mentions;
}

function groupBySubject(statements: readonly Statement[]): Map<string, Statement[]> {
  const groups = new Map<string, Statement[]>();
  for (const statement of statements) {
    const group = groups.get(statement.subject);
    if (group) group.push(statement);
    else groups.set(statement.subject, [statement]);
  }
  return groups;
}

function toLanguageText(term: JsonTerm): LanguageText {
  return term['xml:lang'] ? { value: term.value, language: term['xml:lang'] } : { value: term.value };
}

/** Returns the record type of a resource with `classes`, or undefined when none of them makes a served record. */
export function recordTypeOf(classes: Iterable<string>): RecordType | undefined {
  const set = new Set(classes);
  return TYPE_CLASSES.find(([, iris]) => iris.some((iri) => set.has(iri)))?.[0];
}

/**
 * Returns the path segment that names a record in the REST API: the slug of our own IRIs
 * (`.../id/bouwblok/digid` → `digid`), the code of a TOOI IRI (`.../tooi/id/ministerie/mnre1034` →
 * `mnre1034`), and for any other IRI a stable digest (`h` and 24 hex digits of its SHA-256).
 */
export function recordPathId(iri: string): string {
  for (const namespace of [BB_ID.namespace, TOOI.namespace]) {
    if (!iri.startsWith(namespace)) continue;
    const slug = iri.slice(namespace.length).split('/').at(-1) ?? '';
    if (/^[a-z0-9][a-z0-9-]*$/.test(slug)) return slug;
  }
  return `h${createHash('sha256').update(iri).digest('hex').slice(0, 24)}`;
}
