/**
 * State that a source keeps between harvest runs, in `{dataDir}/harvest-state/{source}.json`: the start of its
 * last complete run, the validators and bodies of earlier responses (for conditional requests) and the
 * harvester's own state. The file is rewritten only after a complete run, by writing a temporary file and
 * renaming it, so a crash never leaves half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ParseError } from '../core/errors';
import type { CachedResponse, ResponseCache } from './http';

/** Contents of a state file. */
export interface SourceStateData {
  readonly lastCompleteRun?: { readonly runId: string; readonly startedAt: string };
  readonly responses: Readonly<Record<string, CachedResponse>>;
  readonly harvester?: unknown;
}

/** The state of one source, read at the start of a run and written after a complete one. */
export class SourceState implements ResponseCache {
  private readonly responses: Map<string, CachedResponse>;

  private constructor(private readonly file: string | undefined, readonly data: SourceStateData) {
    this.responses = new Map(Object.entries(data.responses));
  }

  /**
   * Reads the state of `source` from `dataDir`, or starts empty when there is no file or no `dataDir`.
   * @throws ParseError when the file exists but is not valid JSON.
   */
  static async load(dataDir: string | undefined, source: string): Promise<SourceState> {
    if (!dataDir) return new SourceState(undefined, { responses: {} });
    const file = stateFile(dataDir, source);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new SourceState(file, { responses: {} });
      throw error;
    }
    try {
      const data = JSON.parse(text) as SourceStateData;
      return new SourceState(file, { ...data, responses: data.responses ?? {} });
    } catch (error) {
      throw new ParseError(`Harvest state file ${file} is not valid JSON; delete it to start a full harvest`, { cause: error, location: { resource: file } });
    }
  }

  /** Start of the last complete run, if any. */
  get lastCompleteRunAt(): Date | undefined {
    const startedAt = this.data.lastCompleteRun?.startedAt;
    return startedAt ? new Date(startedAt) : undefined;
  }

  get(url: string): CachedResponse | undefined {
    return this.responses.get(url);
  }

  set(url: string, response: CachedResponse): void {
    this.responses.set(url, response);
  }

  /** Writes the state after a complete run; does nothing without a `dataDir`. */
  async saveCompleteRun(run: { runId: string; startedAt: Date }, harvester: unknown): Promise<void> {
    if (!this.file) return;
    const data: SourceStateData = {
      lastCompleteRun: { runId: run.runId, startedAt: run.startedAt.toISOString() },
      responses: Object.fromEntries(this.responses),
      harvester,
    };
    await writeFileAtomically(this.file, JSON.stringify(data));
  }
}

/** Returns the path of the state file of `source`. */
export function stateFile(dataDir: string, source: string): string {
  return path.join(dataDir, 'harvest-state', `${source}.json`);
}

/** Writes `text` to `file` through a temporary file in the same directory, creating the directory. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}
