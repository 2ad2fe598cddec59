/**
 * The writer's index of which record graph contains each record of each source. The embedded store keeps it on
 * the main thread, so that computing a change needs no round trip to a replica; it is rebuilt from the
 * provenance graph when the store opens.
 */
export class RecordIndex {
  private readonly sources = new Map<string, Map<string, string>>();

  /** Builds an index from (source, record IRI, graph) entries. */
  static from(entries: ReadonlyArray<{ source: string; recordIri: string; graph: string }>): RecordIndex {
    const index = new RecordIndex();
    for (const { source, recordIri, graph } of entries) {
      let graphs = index.sources.get(source);
      if (!graphs) index.sources.set(source, (graphs = new Map()));
      graphs.set(recordIri, graph);
    }
    return index;
  }

  /** Returns, per record IRI, the record graph of `source` (a copy; empty for an unknown source). */
  recordGraphsOfSource(source: string): Map<string, string> {
    return new Map(this.sources.get(source));
  }

  /** Sets the records of `source` to exactly the given record IRI → graph entries. */
  replaceSource(source: string, graphs: ReadonlyMap<string, string>): void {
    if (graphs.size === 0) this.sources.delete(source);
    else this.sources.set(source, new Map(graphs));
  }

  /** Returns the number of record graphs per source. */
  sourceSizes(): Record<string, number> {
    const sizes: Record<string, number> = {};
    for (const [source, graphs] of this.sources) sizes[source] = graphs.size;
    return sizes;
  }
}
