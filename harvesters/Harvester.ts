/**
 * The harvester role. A harvester owns one source: it reads all of it and hands over a full snapshot of
 * records, or throws when it could not read everything, so that the caller keeps the previous snapshot.
 * A single item that cannot be mapped is not a reason to throw: it becomes an `ItemFailure` in the snapshot,
 * and a record with problems carries them as findings. `runHarvest` validates, stores and reports.
 */
import type { Quad } from '@rdfjs/types';
import type { Logger } from '../core/logger';
import type { RecordInput } from '../store/CatalogueStore';
import type { ResponseCache } from './http';

/** A text in Dutch and English, as every message meant for a publisher is written. */
export interface LocalisedText {
  readonly nl: string;
  readonly en: string;
}

/** Severity of a finding, as in SHACL (`sh:Violation`, `sh:Warning`, `sh:Info`). */
export type Severity = 'violation' | 'warning' | 'info';

/** One problem with a record: found while mapping it or by the shapes. */
export interface Finding {
  readonly severity: Severity;
  /** IRI or blank node label of the node the finding is about; the record's IRI when absent. */
  readonly focusNode?: string;
  /** Property IRI the finding is about. */
  readonly path?: string;
  /** The offending value, as text. */
  readonly value?: string;
  readonly message: LocalisedText;
}

/** A record as a harvester produces it: always with the URL it was read from. */
export interface HarvestedRecord extends RecordInput {
  readonly sourceUrl: string;
  /** Title of the record for people reading the run's report. */
  readonly label?: string;
  /** Problems found while mapping; a violation here keeps the record from being published. */
  readonly findings?: readonly Finding[];
}

/** An item of the source that could not be turned into a record at all. */
export interface ItemFailure {
  readonly sourceUrl: string;
  /** The item's own id in the source, when it has one. */
  readonly itemId?: string;
  readonly message: LocalisedText;
}

/** Everything a complete harvest run of one source read. */
export interface HarvestSnapshot {
  readonly records: readonly HarvestedRecord[];
  readonly failures: readonly ItemFailure[];
  /** Items read from the source, including those that failed. */
  readonly itemsRead: number;
  readonly pages: number;
  /** Harvester-specific state to keep for the next run (such as CKAN packages for incremental runs). */
  readonly state?: unknown;
  /** Words on how the snapshot was made, for the report (for example "incremental since ..."). */
  readonly note?: string;
  /** Extra quads for the provenance graph. */
  readonly provenance?: readonly Quad[];
}

/** Progress of a run, reported after every page or file. */
export interface HarvestProgress {
  readonly source: string;
  readonly pages: number;
  readonly items: number;
  readonly elapsedMs: number;
}

/** What a harvester gets from `runHarvest` for one run. */
export interface HarvestContext {
  readonly runId: string;
  readonly baseIri: string;
  readonly logger: Logger;
  /** Aborted when the run's deadline passes; harvesters pass it to their HTTP client. */
  readonly signal: AbortSignal;
  /** Earlier responses for conditional requests; empty when no state directory is configured. */
  readonly cache: ResponseCache;
  /** The `state` of the source's last complete run, if any. */
  readonly previousState?: unknown;
  /** Start of the source's last complete run, if any; incremental sources ask for changes since then. */
  readonly lastCompleteRunAt?: Date;
  /** When true, ignore `previousState` and read the whole source. */
  readonly full: boolean;
  readonly progress: (progress: { pages: number; items: number }) => void;
}

/** A source reader. Implementations are created by `createHarvester` from the configuration. */
export interface Harvester {
  /** Name of the source, as configured; records are stored under it. */
  readonly source: string;
  /** Source kind from the configuration (`data-overheid-ckan`, ...). */
  readonly kind: string;
  /** Base URL or directory the harvester reads, for messages and provenance. */
  readonly location: string;
  /** Deadline of a whole run, in milliseconds. */
  readonly runTimeoutMs: number;
  /**
   * Reads the whole source.
   * @throws any error when the source could not be read completely; the run is then not stored.
   */
  harvest(context: HarvestContext): Promise<HarvestSnapshot>;
}
