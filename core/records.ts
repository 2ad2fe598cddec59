/**
 * Splits an RDF graph into records: one record per typed resource of a record class, with the quads about
 * it and the blank nodes it reaches (its concise bounded description).
 */
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { BB, DCAT, FOAF, ORG, RDF, SCHEMA, SKOS } from '../vocab/namespaces';
import type { RecordInput } from '../store/CatalogueStore';

/** Classes whose instances become records of their own. */
export const RECORD_CLASSES: readonly string[] = [
  BB.BuildingBlock, DCAT.DataService, DCAT.Dataset, DCAT.Distribution, DCAT.Catalog, SCHEMA.SoftwareSourceCode,
  SCHEMA.Review, FOAF.Organization, ORG.Organization, SKOS.ConceptScheme, SKOS.Concept,
].map((term) => term.value);

/**
 * Groups quads into records. Every IRI subject typed with one of `recordClasses` is a record; its quads are
 * those with it as subject plus, recursively, those of the blank nodes it refers to. Quads about other IRI
 * subjects that are not records are left out and returned as `unassigned`, so the caller can report them.
 * The graph of every output quad is the default graph.
 */
export function splitIntoRecords(
  quads: readonly Quad[],
  recordClasses: readonly string[] = RECORD_CLASSES,
  sourceUrl?: string,
): { records: RecordInput[]; unassigned: Quad[] } {
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
    const description: Quad[] = [];
    const visited = new Set<string>();
    const pending: string[] = [`N:${iri}`];
    while (pending.length > 0) {
      const key = pending.pop()!;
      if (visited.has(key)) continue;
      visited.add(key);
      for (const quad of bySubject.get(key) ?? []) {
        description.push(DataFactory.quad(quad.subject, quad.predicate, quad.object));
        assigned.add(quad);
        if (quad.object.termType === 'BlankNode') pending.push(termKey(quad.object));
      }
    }
    return sourceUrl ? { iri, quads: description, sourceUrl } : { iri, quads: description };
  });

  const unassigned = quads.filter((quad) => !assigned.has(quad));
  return { records, unassigned };
}

function termKey(term: Term): string {
  return term.termType === 'BlankNode' ? `B:${term.value}` : `N:${term.value}`;
}
