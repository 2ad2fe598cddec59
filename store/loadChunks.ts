/**
 * Splits N-Quads into chunks that oxigraph can load one `load` call at a time. Two facts about oxigraph 0.5
 * (npm, WASM) shape this. One `load` call gets slower than linear in its input: on a 2-core machine, one call
 * with 200k quads took about twice as long as ten calls with 20k each, and one call with 1M quads took over
 * a minute. And each `load` call gives the blank nodes it reads new labels of its own. So the lines that
 * share a blank node must stay in one chunk: every chunk contains whole groups of connected blank nodes, and
 * lines without blank nodes fill the chunks up.
 */

/** Quads per chunk: large enough that per-call overhead is small, small enough to stay linear. */
export const CHUNK_QUADS = 20_000;

/** Comment line that separates chunks in a snapshot file; N-Quads parsers skip it as a comment. */
export const CHUNK_MARKER = '# chunk\n';

/**
 * Groups N-Quads lines into chunks of about `chunkQuads` lines. A group of lines connected through blank
 * nodes is never split, so it may make a chunk larger.
 * @param nquads N-Quads in the form oxigraph and N3.js write them: one quad per line, no line breaks in terms.
 */
export function splitIntoLoadChunks(nquads: string, chunkQuads = CHUNK_QUADS): string[] {
  const plain: string[] = [];
  const groups = new BlankNodeGroups();

  // Sort lines into those without blank nodes and groups connected by blank nodes.
  let start = 0;
  while (start < nquads.length) {
    let end = nquads.indexOf('\n', start);
    if (end < 0) end = nquads.length;
    const line = nquads.slice(start, end);
    start = end + 1;
    if (line.length === 0 || line.startsWith('#')) continue;
    const labels = line.includes('_:') ? blankNodeLabels(line) : [];
    if (labels.length === 0) plain.push(line);
    else groups.add(line, labels);
  }

  // Fill chunks with plain lines, then whole groups.
  const chunks: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) chunks.push(`${current.join('\n')}\n`);
    current = [];
  };
  for (const line of plain) {
    current.push(line);
    if (current.length >= chunkQuads) flush();
  }
  for (const group of groups.lineGroups()) {
    if (current.length > 0 && current.length + group.length > chunkQuads) flush();
    for (const line of group) current.push(line);
  }
  flush();
  return chunks;
}

/**
 * Returns the blank node labels used as terms in one N-Quads line, skipping IRIs and literals (whose text may
 * contain `_:`).
 */
export function blankNodeLabels(line: string): string[] {
  const labels: string[] = [];
  let index = 0;
  while (index < line.length) {
    const character = line[index];
    if (character === '<') {
      const close = line.indexOf('>', index + 1);
      index = close < 0 ? line.length : close + 1;
    } else if (character === '"') {
      index = literalEnd(line, index + 1);
    } else if (character === '_' && line[index + 1] === ':') {
      let end = index + 2;
      while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end += 1;
      // A label may contain "." but not end with it, so a "." written without a space ends the statement.
      let label = line.slice(index, end);
      while (label.endsWith('.')) label = label.slice(0, -1);
      labels.push(label);
      index = end;
    } else {
      index += 1;
    }
  }
  return labels;
}

/** Returns the index after the closing quote of a literal whose text starts at `index`. */
function literalEnd(line: string, index: number): number {
  let position = index;
  while (position < line.length) {
    const character = line[position];
    if (character === '\\') position += 2;
    else if (character === '"') return position + 1;
    else position += 1;
  }
  return line.length;
}

/** Lines grouped by connected blank nodes (union-find over labels). */
class BlankNodeGroups {
  private readonly parent = new Map<string, string>();
  private readonly lines: Array<{ line: string; label: string }> = [];

  add(line: string, labels: readonly string[]): void {
    const first = labels[0]!;
    for (const label of labels) this.union(first, label);
    this.lines.push({ line, label: first });
  }

  lineGroups(): string[][] {
    const byRoot = new Map<string, string[]>();
    for (const { line, label } of this.lines) {
      const root = this.find(label);
      const group = byRoot.get(root);
      if (group) group.push(line);
      else byRoot.set(root, [line]);
    }
    return [...byRoot.values()];
  }

  private find(label: string): string {
    let root = label;
    for (let parent = this.parent.get(root); parent !== undefined && parent !== root; parent = this.parent.get(root)) root = parent;
    if (!this.parent.has(label)) this.parent.set(label, label);

    // Point every label on the path at the root, so later look-ups are short.
    let current = label;
    while (current !== root) {
      const next = this.parent.get(current)!;
      this.parent.set(current, root);
      current = next;
    }
    return root;
  }

  private union(left: string, right: string): void {
    const leftRoot = this.find(left);
    const rightRoot = this.find(right);
    if (leftRoot !== rightRoot) this.parent.set(rightRoot, leftRoot);
  }
}
