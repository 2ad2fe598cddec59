/**
 * Size limits of one record, checked before validation. The server returns a record's description in one
 * response (`/resource`, `/api/v1/.../{id}`) and refuses responses above its size limit, so a record that is
 * too large would be stored but could never be shown. Real records are far smaller: in the curated catalogue (`data/`) the
 * largest record has a few dozen quads, with blank nodes one level deep.
 */
import type { Quad } from '@rdfjs/types';
import type { Finding } from './Harvester';
import type { RecordInput } from '../store/CatalogueStore';

/**
 * Maximum number of quads in one record. It leaves room for large but real descriptions (a dataset with a few
 * hundred distributions) while keeping a record's page and API response well under the server's size limits.
 */
export const MAX_QUADS_PER_RECORD = 5_000;

/**
 * Maximum nesting depth of blank nodes below a record's IRI (a contact point is 1, its address 2). Deeper chains
 * do not occur in DCAT descriptions, and serialisers and framing recurse once per level.
 */
export const MAX_BLANK_NODE_DEPTH = 20;

/**
 * Checks a record against the size limits.
 * @returns a violation finding per exceeded limit, empty when the record is within them.
 */
export function checkRecordLimits(record: RecordInput): Finding[] {
  const findings: Finding[] = [];
  if (record.quads.length > MAX_QUADS_PER_RECORD) {
    findings.push({
      severity: 'violation',
      focusNode: record.iri,
      message: {
        nl: `Het record heeft ${record.quads.length} triples; het maximum is ${MAX_QUADS_PER_RECORD}. Splits het in records met een eigen IRI.`,
        en: `The record has ${record.quads.length} triples; the maximum is ${MAX_QUADS_PER_RECORD}. Split it into records with IRIs of their own.`,
      },
    });
  }
  const depth = blankNodeDepth(record.iri, record.quads);
  if (depth > MAX_BLANK_NODE_DEPTH) {
    findings.push({
      severity: 'violation',
      focusNode: record.iri,
      message: {
        nl: `Blanco knopen zijn ${depth} niveaus diep genest; het maximum is ${MAX_BLANK_NODE_DEPTH}. Geef geneste bronnen een eigen IRI.`,
        en: `Blank nodes are nested ${depth} levels deep; the maximum is ${MAX_BLANK_NODE_DEPTH}. Give nested resources IRIs of their own.`,
      },
    });
  }
  return findings;
}

/**
 * Returns the deepest level at which a blank node occurs below `iri`, by breadth-first search from the record's
 * own quads (0 when the record refers to no blank node). A blank node in a cycle counts at its first level.
 */
export function blankNodeDepth(iri: string, quads: readonly Quad[]): number {
  const objectsOf = new Map<string, string[]>();
  for (const quad of quads) {
    if (quad.object.termType !== 'BlankNode') continue;
    const key = quad.subject.termType === 'BlankNode' ? `_:${quad.subject.value}` : quad.subject.value;
    const list = objectsOf.get(key);
    if (list) list.push(`_:${quad.object.value}`);
    else objectsOf.set(key, [`_:${quad.object.value}`]);
  }

  let depth = 0;
  const seen = new Set<string>();
  let level = [...new Set(objectsOf.get(iri) ?? [])];
  while (level.length > 0) {
    depth++;
    for (const node of level) seen.add(node);
    level = [...new Set(level.flatMap((node) => objectsOf.get(node) ?? []))].filter((node) => !seen.has(node));
  }
  return depth;
}
