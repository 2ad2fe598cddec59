/**
 * Names of the store's named graphs. Record graph names depend on the instance's base IRI, the source name
 * and the record IRI, so the same record from the same source always lands in the same graph.
 */
import { createHash } from 'node:crypto';

/** Returns the IRI of the provenance graph of an instance. */
export function provenanceGraphIri(baseIri: string): string {
  return `${baseIri}graph/provenance`;
}

/** Returns the IRI of the named graph that holds `recordIri` as harvested from `source`. */
export function recordGraphIri(baseIri: string, source: string, recordIri: string): string {
  const digest = createHash('sha256').update(recordIri).digest('hex').slice(0, 24);
  return `${baseIri}graph/${encodeURIComponent(source)}/${digest}`;
}

/** Returns the IRI under which the deletion of `recordIri` from `source` at `deletedAt` is remembered. */
export function deletionIri(baseIri: string, source: string, recordIri: string, deletedAt: Date): string {
  const digest = createHash('sha256').update(recordIri).digest('hex').slice(0, 24);
  return `${baseIri}deleted/${encodeURIComponent(source)}/${digest}/${deletedAt.getTime()}`;
}
