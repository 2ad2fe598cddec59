/**
 * The served catalogue store: oxigraph replicas in worker threads, made durable by a journal (snapshot plus
 * change log) in a data directory. Writes are serialised on the main thread: each change is validated by the
 * workers, appended to the log and fsync'ed, then sent to every replica. See `docs/store.md` for the design.
 */
import type { Quad } from '@rdfjs/types';
import { BadInputError } from '../core/errors';
import type {
  CatalogueStore, GraphFormat, StoreChange, QueryRequest, QueryResult, ReplacementSummary, SourceReplacement, StoreStatistics,
} from './CatalogueStore';
import { Journal } from './Journal';
import { validateNQuads, type ReplicaChange } from './OxigraphReplica';
import { QueryWorkerPool } from './QueryWorkerPool';
import { RecordIndex } from './RecordIndex';
import { SerialQueue } from './SerialQueue';
import { buildProvenanceChange, buildReplacementChange, type NQuadsPiece } from './changes';
import { provenanceGraphIri, recordGraphIri } from './graphs';

/** Settings of an `EmbeddedStore`. */
export interface EmbeddedStoreOptions {
  /** Base IRI of the instance; names the provenance graph and record graphs. */
  readonly baseIri: string;
  /** Directory of the snapshot and change log; created when missing. One process may use it at a time. */
  readonly dataDir: string;
  /** Query worker threads, each with a full replica (memory grows with each). Default 2. */
  readonly workers?: number;
  /** Default deadline of a query in milliseconds. Default 10 000. */
  readonly timeoutMs?: number;
  /** Default maximum rows or triples of a query result. Default 10 000. */
  readonly maxResults?: number;
  /** Queries that may wait for a free worker before more are rejected. Default 64. */
  readonly maxQueued?: number;
  /**
   * The log is compacted into a new snapshot once it is larger than both this many bytes and the current
   * snapshot, so that replaying it never costs more than loading the snapshot. Default 64 MiB.
   */
  readonly compactionMinBytes?: number;
  /** Receives each warning as it is recorded, for example to log it. */
  readonly onWarning?: (warning: StoreWarning) => void;
}

/** A failure the store recovered from, such as a truncated log tail or a restarted worker. */
export interface StoreWarning {
  readonly at: Date;
  readonly message: string;
}

/**
 * Largest change, in UTF-16 code units of N-Quads, that is validated on the main thread: about 2,000 short
 * quads, which took 6 ms to parse on a 2-core machine.
 */
const MAX_LOCALLY_VALIDATED_CHARACTERS = 256 * 1024;

/** Warnings kept in `EmbeddedStore.warnings`; older ones are dropped. */
const MAX_KEPT_WARNINGS = 100;

export class EmbeddedStore implements CatalogueStore {
  readonly provenanceGraph: string;
  private readonly recorded: StoreWarning[] = [];
  private readonly writes = new SerialQueue();
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private closing = false;
  /** True from when a compaction is due until it is queued. */
  private compactionScheduled = false;
  private pool!: QueryWorkerPool;
  private index = new RecordIndex();

  private constructor(private readonly options: Required<Omit<EmbeddedStoreOptions, 'onWarning'>> & Pick<EmbeddedStoreOptions, 'onWarning'>, private readonly journal: Journal) {
    this.provenanceGraph = provenanceGraphIri(options.baseIri);
  }

  /**
   * Opens the store in `options.dataDir`: recovers the journal, restores one replica per worker in parallel
   * and rebuilds the record index from the provenance graph.
   * @throws ConflictError when another process uses the directory; BadInputError for a damaged directory;
   *   the restore error of a worker.
   */
  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
    const settings = {
      workers: 2, timeoutMs: 10_000, maxResults: 10_000, maxQueued: 64, compactionMinBytes: 64 * 1024 * 1024, ...options,
    };
    const { journal, warnings } = await Journal.open(settings.dataDir);
    const store = new EmbeddedStore(settings, journal);
    for (const message of warnings) store.warn(message);

    try {
      store.pool = await QueryWorkerPool.start({
        workers: settings.workers,
        maxQueued: settings.maxQueued,
        provenanceGraph: store.provenanceGraph,
        openReplayFiles: () => journal.openReplayFiles(),
        onWarning: (message) => store.warn(message),
      });
      const entries = await store.pool.run<Array<{ source: string; recordIri: string; graph: string }>>({ kind: 'recordGraphs' }, { internal: true });
      store.index = RecordIndex.from(entries);
    } catch (error) {
      await store.pool?.close();
      await journal.close();
      throw error;
    }
    return store;
  }

  /** Warnings recorded since the store opened (the latest 100), oldest first. */
  get warnings(): readonly StoreWarning[] {
    return [...this.recorded];
  }

  /** Query worker threads that have not exited, including ones being restored. 0 after `close`. */
  get threadCount(): number {
    return this.pool.threadCount;
  }

  /** Query workers that hold a restored replica and can take queries. */
  get readyWorkers(): number {
    return this.pool.readyWorkers;
  }

  async replaceSource(replacement: SourceReplacement): Promise<ReplacementSummary> {
    this.assertOpen();
    const summary = await this.writes.run(async () => {
      this.assertOpen();
      const previous = this.index.recordGraphsOfSource(replacement.source);
      const { change, summary, pieces } = buildReplacementChange(replacement, previous, this.options.baseIri, this.provenanceGraph);
      await this.commit(change, pieces);

      const graphs = new Map(replacement.records.map((record) => [record.iri, recordGraphIri(this.options.baseIri, replacement.source, record.iri)]));
      this.index.replaceSource(replacement.source, graphs);
      this.notify({ type: 'replaced', summary });
      return summary;
    });
    this.scheduleCompaction();
    return summary;
  }

  async addProvenance(quads: readonly Quad[]): Promise<void> {
    this.assertOpen();
    await this.writes.run(async () => {
      this.assertOpen();
      await this.commit(buildProvenanceChange(quads, this.provenanceGraph));
      this.notify({ type: 'provenance' });
    });
    this.scheduleCompaction();
  }

  /** Listeners run in write order after each acknowledged write; one that throws is recorded as a warning. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async query(request: QueryRequest): Promise<QueryResult> {
    this.assertOpen();
    const options = {
      defaultGraphs: request.defaultGraphs,
      namedGraphs: request.namedGraphs,
      maxResults: request.maxResults ?? this.options.maxResults,
      resultsFormat: request.resultsFormat,
      graphFormat: request.graphFormat,
    };
    return this.pool.run<QueryResult>({ kind: 'query', query: request.query, options }, { timeoutMs: request.timeoutMs ?? this.options.timeoutMs });
  }

  /** Serialises the store on a worker. The whole text crosses to the main thread, so it costs memory there. */
  async dump(format: GraphFormat): Promise<string> {
    this.assertOpen();
    return this.pool.run<string>({ kind: 'dump', format }, { internal: true });
  }

  async statistics(): Promise<StoreStatistics> {
    this.assertOpen();
    const quadCount = await this.pool.run<number>({ kind: 'size' }, { internal: true });
    const sources = this.index.sourceSizes();
    const recordGraphCount = Object.values(sources).reduce((sum, count) => sum + count, 0);
    return { quadCount, recordGraphCount, sources };
  }

  /**
   * Writes a new snapshot of the whole store and starts an empty change log, after the writes queued before.
   * Writes wait meanwhile; queries go on (on the other workers while one writes the snapshot).
   * @throws the file system or worker error; the previous snapshot and log stay in use then.
   */
  async compact(): Promise<void> {
    this.assertOpen();
    await this.writes.run(() => this.compactNow());
  }

  /** Waits for queued writes, then stops the workers and closes the journal. Calls afterwards fail. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.writes.drain();
    await this.pool.close();
    await this.journal.close();
  }

  /**
   * Validates a change on the workers, makes it durable, then sends it to every replica.
   * @param pieces the change's N-Quads in pieces, validated in parallel; the whole N-Quads when absent.
   * @throws BadInputError when the N-Quads are invalid, naming the first invalid piece's line range.
   */
  private async commit(change: ReplicaChange, pieces: readonly NQuadsPiece[] = [{ nquads: change.nquads, firstLine: 1 }]): Promise<void> {
    await this.validatePieces(pieces);
    const length = await this.journal.append(change);

    // In one synchronous step, so that a worker restored from the log never also receives this change.
    this.pool.broadcast(change);
    this.journal.markReplicated(length);
  }

  /**
   * Validates the pieces on whichever workers are free, and reports the first invalid piece in line order. A
   * small change is validated on this thread instead, because a worker takes a task only after it has applied
   * the previous change, which takes seconds after a large one.
   */
  private async validatePieces(pieces: readonly NQuadsPiece[]): Promise<void> {
    if (pieces.length === 1 && pieces[0]!.nquads.length <= MAX_LOCALLY_VALIDATED_CHARACTERS) {
      validateNQuads(pieces[0]!.nquads);
      return;
    }

    const outcomes = await Promise.allSettled(pieces.map((piece) => this.pool.run<void>({ kind: 'validate', nquads: piece.nquads }, { internal: true })));
    const failed = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    if (failed < 0) return;

    const error = (outcomes[failed] as PromiseRejectedResult).reason as Error;
    if (pieces.length === 1 || !(error instanceof BadInputError)) throw error;
    const piece = pieces[failed]!;
    throw new BadInputError(`${error.message} (line numbers count from line ${piece.firstLine} of the change's N-Quads)`, { cause: error });
  }

  private notify(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.warn(`A change listener failed after a ${change.type} write: ${(error as Error).message}`);
      }
    }
  }

  /**
   * Queues a compaction when the log is due for one. It is queued on the next turn of the event loop, so it
   * comes after the writes that callers start as soon as this write resolves, such as a harvest run's
   * provenance. Those writes then do not wait for the snapshot to be written.
   */
  private scheduleCompaction(): void {
    if (this.closing || this.compactionScheduled || !this.isCompactionDue()) return;
    this.compactionScheduled = true;
    setImmediate(() => {
      this.compactionScheduled = false;
      if (this.closing) return;
      this.writes.run(async () => {
        if (!this.closing && this.isCompactionDue()) await this.compactNow();
      }).catch((error: unknown) => this.warn(`Compaction failed; the change log keeps growing until it succeeds: ${(error as Error).message}`));
    });
  }

  private isCompactionDue(): boolean {
    return this.journal.logBytes > Math.max(this.options.compactionMinBytes, this.journal.snapshotBytes);
  }

  private async compactNow(): Promise<void> {
    await this.journal.compact((temporaryPath) => this.pool.run<number>({ kind: 'writeSnapshot', path: temporaryPath }, { internal: true }).then(() => undefined));
  }

  private assertOpen(): void {
    if (this.closing) throw new Error(`The store in ${this.options.dataDir} is closed`);
  }

  private warn(message: string): void {
    const warning = { at: new Date(), message };
    this.recorded.push(warning);
    if (this.recorded.length > MAX_KEPT_WARNINGS) this.recorded.shift();
    this.options.onWarning?.(warning);
  }
}
