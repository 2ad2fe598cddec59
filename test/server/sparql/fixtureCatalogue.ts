/**
 * Loads the test catalogue of `fixtures/` into a store: the source "curated" once, and the source
 * "api-register" twice, so that the second harvest leaves a deleted record behind.
 */
import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import { splitIntoRecords } from '../../../core/records';
import type { CatalogueStore } from '../../../store/CatalogueStore';

/** Times of the fixture's harvest runs. */
export const CURATED_HARVEST = new Date('2026-03-01T08:00:00Z');
export const FIRST_HARVEST = new Date('2026-03-02T08:00:00Z');
export const SECOND_HARVEST = new Date('2026-03-03T08:00:00Z');

/** The IRI the status API had; the second harvest deletes it. */
export const DELETED_RECORD = 'https://apis.example.org/register/apis/logius-status';

/** Returns the IRI of the fixture record that the harvester minted under `baseIri`. */
export function mintedRecordIri(baseIri: string): string {
  return `${baseIri}id/dataset/gemeentelijke-apis`;
}

function recordsOf(file: string, baseIri: string) {
  const text = readFileSync(new URL(`fixtures/${file}`, import.meta.url), 'utf8');
  const { records, unassigned } = splitIntoRecords(new Parser({ baseIRI: baseIri }).parse(text));
  if (unassigned.length > 0) throw new Error(`Fixture ${file} has ${unassigned.length} quads outside any record`);
  return records;
}

/** Loads the fixture catalogue into `store`, whose base IRI is `baseIri`. */
export async function loadFixtureCatalogue(store: CatalogueStore, baseIri: string): Promise<void> {
  await store.replaceSource({ source: 'curated', runIri: `${baseIri}run/curated-1`, generatedAt: CURATED_HARVEST, records: recordsOf('curated.ttl', baseIri) });
  await store.replaceSource({ source: 'api-register', runIri: `${baseIri}run/api-register-1`, generatedAt: FIRST_HARVEST, records: recordsOf('harvested-1.ttl', baseIri) });
  await store.replaceSource({ source: 'api-register', runIri: `${baseIri}run/api-register-2`, generatedAt: SECOND_HARVEST, records: recordsOf('harvested-2.ttl', baseIri) });
}
