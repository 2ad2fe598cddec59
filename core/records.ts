/**
 * Splits an RDF graph into records: one record per typed resource of a record class, with the quads about
 * it and the blank nodes it reaches (its concise bounded description).
 */
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { BB, DCAT, FOAF, ORG, PREFIXES, RDF, SCHEMA, SKOS } from '../vocab/namespaces';
import type { RecordInput } from '../store/CatalogueStore';

/** Classes whose instances become records of their own. */
export const RECORD_CLASSES: readonly string[] = [
  BB.BuildingBlock, DCAT.DataService, DCAT.Dataset, DCAT.Distribution, DCAT.Catalog, SCHEMA.SoftwareSourceCode,
  SCHEMA.Review, FOAF.Organization, ORG.Organization, SKOS.ConceptScheme, SKOS.Concept,
].map((term) => term.value);

/** A blank node typed with a record class that no record refers to: a record without an IRI. */
export interface RecordWithoutIri {
  /** The blank node as `_:label`. */
  readonly node: string;
  /** IRI of its record class (the first one when it has several). */
  readonly recordClass: string;
  /** Its quads and those of the blank nodes it reaches, in the default graph. */
  readonly quads: readonly Quad[];
}

/**
 * Groups quads into records. Every IRI subject typed with one of `recordClasses` is a record; its quads are
 * those with it as subject plus, recursively, those of the blank nodes it refers to. Quads about other IRI
 * subjects that are not records are left out and returned as `unassigned`, so the caller can report them.
 * A blank node typed with a record class that no record refers to cannot be a record, because a record is
 * stored and published under its IRI; such nodes are listed in `withoutIri`, and their quads are in
 * `unassigned`. The graph of every output quad is the default graph.
 */
export function splitIntoRecords(
  quads: readonly Quad[],
  recordClasses: readonly string[] = RECORD_CLASSES,
  sourceUrl?: string,
): { records: RecordInput[]; unassigned: Quad[]; withoutIri: RecordWithoutIri[] } {
  const classes = new Set(recordClasses);

  // Index quads by subject.
  const bySubject = new Map<string, Quad[]>();
  for (const quad of quads) {
    const key = termKey(quad.subject);
    const list = bySubject.get(key);
    if (list) list.push(quad);
    else bySubject.set(key, [quad]);
  }

  // Find the record subjects.
  const recordIris = new Set<string>();
  for (const quad of quads) {
    if (quad.subject.termType === 'NamedNode' && quad.predicate.value === RDF.type.value && classes.has(quad.object.value)) {
      recordIris.add(quad.subject.value);
    }
  }

  // Collect each record's description, following blank nodes.
  const assigned = new Set<Quad>();
  const records = [...recordIris].map((iri): RecordInput => {
    const description = describe(`N:${iri}`, bySubject);
    for (const quad of description) assigned.add(quad);
    const output = description.map((quad) => DataFactory.quad(quad.subject, quad.predicate, quad.object));
    return sourceUrl ? { iri, quads: output, sourceUrl } : { iri, quads: output };
  });

  const unassigned = quads.filter((quad) => !assigned.has(quad));

  // Blank nodes of a record class that no record reaches would otherwise vanish with the unassigned quads.
  const withoutIri = new Map<string, RecordWithoutIri>();
  for (const quad of unassigned) {
    if (quad.subject.termType !== 'BlankNode' || quad.predicate.value !== RDF.type.value || !classes.has(quad.object.value)) continue;
    const node = `_:${quad.subject.value}`;
    if (withoutIri.has(node)) continue;
    const description = describe(termKey(quad.subject), bySubject).map((found) => DataFactory.quad(found.subject, found.predicate, found.object));
    withoutIri.set(node, { node, recordClass: quad.object.value, quads: description });
  }
  return { records, unassigned, withoutIri: [...withoutIri.values()] };
}

/**
 * Returns the message for a record without an IRI, in Dutch and English, naming its class and the fix. The
 * validator (`bouwblokken validate`) and the harvest report use the same words.
 */
export function recordWithoutIriMessage(recordClass: string): { nl: string; en: string } {
  const name = compactIri(recordClass);
  return {
    nl: `Een record van klasse ${name} moet een IRI hebben, maar dit is een blanco knoop ([ ... ]). `
      + `Geef het een eigen IRI, zoals <https://voorbeeld.nl/id/naam> a ${name}, en verwijs daarnaar.`,
    en: `A record of class ${name} must have an IRI, but this is a blank node ([ ... ]). `
      + `Give it an IRI of its own, such as <https://example.org/id/name> a ${name}, and refer to that.`,
  };
}

function compactIri(iri: string): string {
  for (const [prefix, namespace] of Object.entries(PREFIXES)) {
    if (iri.startsWith(namespace)) return `${prefix}:${iri.slice(namespace.length)}`;
  }
  return `<${iri}>`;
}

/** Returns the quads of the subject `key` and, recursively, of the blank nodes it refers to. */
function describe(key: string, bySubject: ReadonlyMap<string, Quad[]>): Quad[] {
  const description: Quad[] = [];
  const visited = new Set<string>();
  const pending: string[] = [key];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (visited.has(next)) continue;
    visited.add(next);
    for (const quad of bySubject.get(next) ?? []) {
      description.push(quad);
      if (quad.object.termType === 'BlankNode') pending.push(termKey(quad.object));
    }
  }
  return description;
}

function termKey(term: Term): string {
  return term.termType === 'BlankNode' ? `B:${term.value}` : `N:${term.value}`;
}
