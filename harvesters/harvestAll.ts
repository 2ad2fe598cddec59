/**
 * Harvests everything a configuration names: the curated catalogue first (source `curated`), then each
 * source, then the cross-source links. One source that cannot be read never stops the others; each ends with
 * one summary line.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandIo } from '../cli/io';
import type { Runtime } from '../cli/runtime';
import { BadInputError, describeError } from '../core/errors';
import { RecordValidator } from '../shapes/validator';
import type { HarvestProgress, Harvester } from './Harvester';
import { CrossLinkHarvester } from './crossLinks';
import { FileHarvester } from './files';
import { createHarvester, type HarvesterDependencies } from './registry';
import { runHarvest, type HarvestRunReport, type RecordChecker } from './runHarvest';

/** Name of the source that contains the curated catalogue. */
export const CURATED_SOURCE = 'curated';

/** Root of the project, against which relative `curatedFiles` resolve. */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Options of `harvestAll`. */
export interface HarvestAllOptions extends HarvesterDependencies {
  /** Read sources completely, also those that support incremental runs. */
  readonly full?: boolean;
  /** Skip loading the curated catalogue (the `harvest` command does, because `start` loads it). */
  readonly skipCurated?: boolean;
  /** Validator to use; loaded from `shapes/` when absent. */
  readonly validator?: RecordChecker;
  readonly signal?: AbortSignal;
}

/** Reports of one `harvestAll` call. */
export interface HarvestAllResult {
  readonly reports: readonly HarvestRunReport[];
  /** True when every run completed. */
  readonly allCompleted: boolean;
}

/**
 * Loads the curated catalogue, harvests the named sources (every enabled source when `names` is empty) and
 * recomputes the cross-source links, writing progress to `io.stderr` when it is a terminal and one summary line
 * per source at the end.
 * @throws BadInputError when a name is not a configured source; no source is read then.
 */
export async function harvestAll(names: readonly string[], runtime: Runtime, io: CommandIo, options: HarvestAllOptions = {}): Promise<HarvestAllResult> {
  const { config, logger, store } = runtime;
  const unknown = names.filter((name) => !config.sources[name]);
  if (unknown.length > 0) {
    const known = Object.keys(config.sources);
    throw new BadInputError(`Unknown source ${unknown.map((name) => `"${name}"`).join(', ')}; configured sources: ${known.length > 0 ? known.join(', ') : '(none)'}`);
  }
  const selected = names.length > 0 ? [...names] : Object.entries(config.sources).filter(([, source]) => source.enabled).map(([name]) => name);
  const validator = options.validator ?? await RecordValidator.load();
  const progress = new ProgressLine(io.stderr);
  const run = (harvester: Harvester): Promise<HarvestRunReport> => runHarvest(harvester, {
    store, validator, logger, baseIri: config.baseIri, dataDir: config.dataDir, full: options.full, signal: options.signal,
    progress: (event) => progress.update(event),
  });
  const reports: HarvestRunReport[] = [];

  // The curated catalogue first, so that the links below can find its building blocks.
  if (!options.skipCurated && config.curatedFiles.length > 0) {
    const files = config.curatedFiles.map((file) => path.resolve(PROJECT_ROOT, file));
    reports.push(await run(new FileHarvester(CURATED_SOURCE, files)));
    progress.finish(reports.at(-1)!);
  }

  // Each source on its own: a source that cannot even be set up is reported like a failed run.
  for (const name of selected) {
    let harvester: Harvester;
    try {
      harvester = createHarvester(name, config.sources[name]!, options);
    } catch (error) {
      const report = setupFailure(name, config.sources[name]!.kind, describeError(error));
      logger.error({ source: name, reason: report.reason }, 'Source could not be harvested');
      reports.push(report);
      progress.finish(report);
      continue;
    }
    reports.push(await run(harvester));
    progress.finish(reports.at(-1)!);
  }

  // Links between the sources, recomputed from what the store contains now.
  reports.push(await run(new CrossLinkHarvester(store)));
  progress.finish(reports.at(-1)!);

  // One summary line per source.
  for (const report of reports) io.stderr.write(`${formatSummaryLine(report)}\n`);
  const unreachable = reports.filter((report) => report.outcome !== 'completed').map((report) => report.source);
  if (unreachable.length > 0) {
    io.stderr.write(`Niet volledig geoogst, vorige gegevens behouden / not completely harvested, previous records kept: ${unreachable.join(', ')}\n`);
  }
  return { reports, allCompleted: unreachable.length === 0 };
}

/**
 * Formats a run as one line: source, outcome, counts and time, and the reason when it did not complete.
 * Example: `api-register  completed  read 120  published 115  rejected 5  removed 0  3.2 s`.
 */
export function formatSummaryLine(report: HarvestRunReport): string {
  const { counts } = report;
  const parts = [
    report.source.padEnd(24),
    report.outcome.padEnd(10),
    `read ${counts.read}`,
    `published ${counts.published}`,
    `rejected ${counts.rejected}`,
    `removed ${counts.removed}`,
    `${(report.durationMs / 1000).toFixed(1)} s`,
  ];
  return report.reason ? `${parts.join('  ')}  (${report.reason})` : parts.join('  ');
}

/** Builds the report of a source whose harvester could not be created, such as one without API key. */
function setupFailure(source: string, kind: string, reason: string): HarvestRunReport {
  const now = new Date().toISOString();
  return {
    runId: '', runIri: '', source, kind, location: '', startedAt: now, endedAt: now, durationMs: 0, outcome: 'failed', reason,
    counts: { pages: 0, read: 0, published: 0, rejected: 0, withWarnings: 0, added: 0, kept: 0, removed: 0, keptPrevious: 0 },
    topReasons: [], rejected: [], warnings: [], failures: [], removed: [],
  };
}

/** One line of progress on a terminal, rewritten in place; silent when the stream is no terminal. */
class ProgressLine {
  private lastWrite = 0;
  private readonly enabled: boolean;

  constructor(private readonly stream: NodeJS.WritableStream) {
    this.enabled = (stream as NodeJS.WriteStream).isTTY === true;
  }

  update(progress: HarvestProgress): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastWrite < 100) return;
    this.lastWrite = now;
    const seconds = Math.max(progress.elapsedMs / 1000, 0.001);
    const rate = Math.round(progress.items / seconds);
    this.stream.write(`\r\u001b[2K${progress.source}: ${progress.pages} pages, ${progress.items} items, ${rate} items/s`);
  }

  finish(report: HarvestRunReport): void {
    if (this.enabled) this.stream.write(`\r\u001b[2K${report.source}: ${report.outcome}\n`);
  }
}
