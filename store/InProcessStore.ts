/**
 * A `CatalogueStore` on one oxigraph replica in the calling thread, without persistence. Queries block the
 * event loop while they run and cannot be stopped, so the deadline is not enforced: use it for tools, tests
 * and as the in-process baseline of benchmarks, and `EmbeddedStore` for serving.
 */
import type { Quad } from '@rdfjs/types';
import type {
  CatalogueStore, GraphFormat, StoreChange, QueryRequest, QueryResult, ReplacementSummary, SourceReplacement, StoreStatistics,
} from './CatalogueStore';
import { OxigraphReplica } from './OxigraphReplica';
import { buildProvenanceChange, buildReplacementChange } from './changes';
import { provenanceGraphIri } from './graphs';

export class InProcessStore implements CatalogueStore {
  readonly provenanceGraph: string;
  private readonly replica: OxigraphReplica;
  private readonly listeners = new Set<(change: StoreChange) => void>();

  /** @param options.replica a replica that already contains data (see `readOnlyStore.ts`); a new one when absent. */
  constructor(private readonly options: { baseIri: string; maxResults?: number; replica?: OxigraphReplica }) {
    this.provenanceGraph = provenanceGraphIri(options.baseIri);
    this.replica = options.replica ?? new OxigraphReplica(this.provenanceGraph);
  }

  async replaceSource(replacement: SourceReplacement): Promise<ReplacementSummary> {
    const previous = this.replica.recordGraphsOfSource(replacement.source);
    const { change, summary } = buildReplacementChange(replacement, previous, this.options.baseIri, this.provenanceGraph);
    this.replica.apply(change);
    this.notify({ type: 'replaced', summary });
    return summary;
  }

  async addProvenance(quads: readonly Quad[]): Promise<void> {
    this.replica.apply(buildProvenanceChange(quads, this.provenanceGraph));
    this.notify({ type: 'provenance' });
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  async query(request: QueryRequest): Promise<QueryResult> {
    return this.replica.query(request.query, { ...request, maxResults: request.maxResults ?? this.options.maxResults ?? 10_000 });
  }

  async dump(format: GraphFormat): Promise<string> {
    return this.replica.dump(format);
  }

  async statistics(): Promise<StoreStatistics> {
    const sources = this.replica.sourceSizes();
    const recordGraphCount = Object.values(sources).reduce((sum, count) => sum + count, 0);
    return { quadCount: this.replica.size, recordGraphCount, sources };
  }

  async close(): Promise<void> {}
}
