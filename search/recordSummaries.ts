/**
 * Merges the facts of every record graph that describes the same resource into one summary per resource.
 * A building block described by the curated catalogue and by a harvested source gets one summary, which is
 * the unit that search, facets and the REST API collections list.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  type RecordDescription, recordPathId, recordTypeOf, type LanguageText, type Provenance, type RecordFacts, type RecordType,
} from './recordFacts';

/** One served record with the statements of all its sources merged. */
export interface RecordSummary extends RecordDescription {
  readonly iri: string;
  readonly type: RecordType;
  /** Path segment of the record in the REST API (see `recordPathId`). */
  readonly id: string;
  /** Latest harvest time of any of its record graphs. */
  readonly harvestedAt: string;
  readonly provenance: readonly Provenance[];
}

/** Records merged between two yields to the event loop. */
const SUMMARY_BATCH = 1_000;

/**
 * Merges facts by record IRI. Records whose classes make no served type (a distribution, a catalogue) are
 * left out. Values are deduplicated, and the order of sources is kept. Yields to the event loop every
 * thousand records, so a large catalogue does not hold up requests.
 */
export async function summariseRecords(facts: Iterable<RecordFacts>): Promise<Map<string, RecordSummary>> {
  const groups = new Map<string, RecordFacts[]>();
  for (const fact of facts) {
    const group = groups.get(fact.record);
    if (group) group.push(fact);
    else groups.set(fact.record, [fact]);
  }

  const summaries = new Map<string, RecordSummary>();
  let merged = 0;
  for (const [iri, group] of groups) {
    if (++merged % SUMMARY_BATCH === 0) await yieldToEventLoop();
    const type = recordTypeOf(group.flatMap((fact) => fact.classes));
    if (!type) continue;
    const modified = group.map((fact) => fact.modified).filter((value): value is string => value !== undefined).sort().at(-1);
    summaries.set(iri, {
      iri,
      type,
      id: recordPathId(iri),
      titles: uniqueTexts(group.flatMap((fact) => fact.titles)),
      descriptions: uniqueTexts(group.flatMap((fact) => fact.descriptions)),
      keywords: uniqueTexts(group.flatMap((fact) => fact.keywords)),
      applications: uniqueTexts(group.flatMap((fact) => fact.applications)),
      identifiers: unique(group.flatMap((fact) => fact.identifiers)),
      kinds: unique(group.flatMap((fact) => fact.kinds)),
      domains: unique(group.flatMap((fact) => fact.domains)),
      statuses: unique(group.flatMap((fact) => fact.statuses)),
      themes: unique(group.flatMap((fact) => fact.themes)),
      organisations: unique(group.flatMap((fact) => fact.organisations)),
      ...(modified ? { modified } : {}),
      harvestedAt: group.map((fact) => fact.harvestedAt).sort().at(-1)!,
      provenance: group.map(({ graph, source, harvestedAt, sourceUrl }) => (sourceUrl ? { graph, source, harvestedAt, sourceUrl } : { graph, source, harvestedAt })),
    });
  }
  return summaries;
}

/**
 * Returns the text to show for a record in `language`: a literal in that language, else an untagged one,
 * else any. Returns undefined when there is none.
 */
export function pickText(texts: readonly LanguageText[], language: string): string | undefined {
  return (texts.find((text) => text.language === language) ?? texts.find((text) => !text.language) ?? texts[0])?.value;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function uniqueTexts(texts: readonly LanguageText[]): LanguageText[] {
  const seen = new Set<string>();
  return texts.filter((text) => {
    const key = `${text.language ?? ''}\u0000${text.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
