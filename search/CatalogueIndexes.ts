/**
 * Keeps the derived indexes (record summaries, search index, reference index) in step with the store.
 *
 * The facts of each source are kept apart. When the store reports that a source was replaced, only that
 * source is read again (three SPARQL queries). Then the in-memory indexes are rebuilt from the facts of all
 * sources, off the request path, in batches that yield to the event loop. Readers keep the previous snapshot
 * until the new one is complete, then the snapshot is swapped in one assignment.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Config } from '../core/config';
import type { Logger } from '../core/logger';
import type { CatalogueStore, StoreChange } from '../store/CatalogueStore';
import { loadRecordGraphs } from './recordGraphs';
import { describeRecordGraph, type RecordFacts, type RecordType } from './recordFacts';
import { summariseRecords, type RecordSummary } from './recordSummaries';
import { ReferenceIndex } from './ReferenceIndex';
import { SearchIndex } from './SearchIndex';

/** One consistent state of all derived indexes. */
export interface IndexSnapshot {
  readonly summaries: ReadonlyMap<string, RecordSummary>;
  readonly references: ReferenceIndex;
  readonly search: SearchIndex;
  /** Number of record graphs the snapshot was built from. */
  readonly recordGraphCount: number;
  readonly builtAt: Date;
  /** Milliseconds spent reading sources from the store and building the in-memory indexes. */
  readonly timings: { readonly loadMs: number; readonly buildMs: number; readonly sourcesLoaded: number };
  /** Returns the served record of `type` with REST path segment `id`, if any. */
  recordById(type: RecordType, id: string): RecordSummary | undefined;
}

/** Returns the kind of every configured source, by source name. */
export function sourceKindsOf(config: Pick<Config, 'sources'>): Map<string, string> {
  return new Map(Object.entries(config.sources).map(([name, source]) => [name, source.kind]));
}

/** Record graphs described between two yields to the event loop. */
const DESCRIBE_BATCH = 1_000;

export class CatalogueIndexes {
  private readonly factsBySource = new Map<string, readonly RecordFacts[]>();
  private readonly dirtySources = new Set<string>();
  private snapshot: IndexSnapshot | undefined;
  private running: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;
  private firstSnapshot: Promise<IndexSnapshot>;
  private resolveFirst!: (snapshot: IndexSnapshot) => void;
  private rejectFirst!: (error: unknown) => void;

  /**
   * @param sourceKinds kind per configured source name (`dcat`, `developer-overheid-api-register`, ...);
   *   sources not in it (the curated catalogue) count as `curated`.
   */
  constructor(
    private readonly store: CatalogueStore,
    private readonly sourceKinds: ReadonlyMap<string, string>,
    private readonly logger?: Logger,
  ) {
    this.firstSnapshot = new Promise((resolve, reject) => {
      this.resolveFirst = resolve;
      this.rejectFirst = reject;
    });
    this.firstSnapshot.catch(() => undefined);
  }

  /**
   * Subscribes to the store's changes and starts the first build over every source in the store.
   * Returns immediately; `current()` waits for the first build.
   */
  start(): this {
    if (this.unsubscribe) return this;
    this.unsubscribe = this.store.onChange((change) => this.handleChange(change));
    void this.store.statistics().then(
      (statistics) => this.schedule(Object.keys(statistics.sources)),
      (error: unknown) => this.fail(error),
    );
    return this;
  }

  /** Stops following the store. A build under way still completes. */
  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /**
   * Returns the latest complete snapshot, waiting for the first build when there is none yet.
   * @throws the store's error when the first build failed.
   */
  async current(): Promise<IndexSnapshot> {
    return this.snapshot ?? this.firstSnapshot;
  }

  /** Resolves when every change reported so far is reflected in the current snapshot. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private handleChange(change: StoreChange): void {
    // Provenance-only writes (failed runs) do not change any record.
    if (change.type === 'replaced') this.schedule([change.summary.source]);
  }

  private schedule(sources: readonly string[]): void {
    for (const source of sources) this.dirtySources.add(source);
    this.kick();
  }

  /**
   * Starts a rebuild unless one is running. Rebuilds repeat until no source is dirty, and a change that
   * arrives just as a run ends starts the next run, so no change is left unapplied. The first run also
   * runs for an empty store, so readers get an empty snapshot instead of waiting.
   */
  private kick(): void {
    if (this.running) return;
    this.running = (async () => {
      do await this.rebuild();
      while (this.dirtySources.size > 0);
    })().finally(() => {
      this.running = undefined;
      if (this.dirtySources.size > 0) this.kick();
    });
  }

  /**
   * Reads the dirty sources again and swaps in a new snapshot.
   * NOTE: at 1.17M quads, the longest event-loop stall of a full rebuild was 1.7 s (bench/indexes.ts, embedded
   * store). Its cause is not located yet; the arrival of a large query result from the worker is the suspect.
   */
  private async rebuild(): Promise<void> {
    const sources = [...this.dirtySources];
    this.dirtySources.clear();
    try {
      // Read the changed sources again.
      const loadStart = performance.now();
      for (const source of sources) {
        const graphs = await loadRecordGraphs(this.store, source);
        const facts: RecordFacts[] = [];
        for (let start = 0; start < graphs.length; start += DESCRIBE_BATCH) {
          for (const graph of graphs.slice(start, start + DESCRIBE_BATCH)) facts.push(describeRecordGraph(graph));
          await yieldToEventLoop();
        }
        if (facts.length > 0) this.factsBySource.set(source, facts);
        else this.factsBySource.delete(source);
      }
      const loadMs = performance.now() - loadStart;

      // Build the indexes from the facts of all sources, then swap.
      const buildStart = performance.now();
      const snapshot = await this.buildSnapshot({ loadMs, sourcesLoaded: sources.length }, buildStart);
      this.snapshot = snapshot;
      this.resolveFirst(snapshot);
      this.logger?.info({ sources, records: snapshot.summaries.size, ...snapshot.timings }, 'indexes rebuilt');
    } catch (error) {
      this.fail(error);
    }
  }

  private async buildSnapshot(timings: { loadMs: number; sourcesLoaded: number }, buildStart: number): Promise<IndexSnapshot> {
    const facts = [...this.factsBySource.values()].flat();
    const summaries = await summariseRecords(facts);
    const references = await ReferenceIndex.build(facts, summaries, this.sourceKinds);
    const search = await SearchIndex.build(summaries.values());

    const byTypeAndId = new Map<string, RecordSummary>();
    for (const summary of summaries.values()) {
      const key = `${summary.type}/${summary.id}`;
      // Two IRIs with one slug (rare): the first by IRI order keeps the slug, so the choice is stable.
      const existing = byTypeAndId.get(key);
      if (!existing || summary.iri < existing.iri) byTypeAndId.set(key, summary);
    }

    return {
      summaries,
      references,
      search,
      recordGraphCount: facts.length,
      builtAt: new Date(),
      timings: { ...timings, buildMs: performance.now() - buildStart },
      recordById: (type, id) => byTypeAndId.get(`${type}/${id}`),
    };
  }

  private fail(error: unknown): void {
    this.logger?.error({ err: error }, 'indexes could not be rebuilt; the previous snapshot stays in use');
    if (!this.snapshot) this.rejectFirst(error);
  }
}
