/**
 * `bouwblokken load FILE... --source NAME [--allow-empty]`: replaces the records of source NAME with the records
 * in the files (Turtle, TriG, N-Triples, N-Quads or JSON-LD, or directories of them), checked by the shapes like
 * harvested records.
 */
import type { CommandIo } from './io';
import { openRuntime, parseCommandArgs } from './runtime';
import { BadInputError } from '../core/errors';
import { FileHarvester } from '../harvesters/files';
import { formatSummaryLine } from '../harvesters/harvestAll';
import { runHarvest, type HarvestRunReport } from '../harvesters/runHarvest';
import { RecordValidator } from '../shapes/validator';

/** Maximum number of rejected records listed on the terminal; the run report lists all of them. */
const MAX_LISTED_RECORDS = 20;

/**
 * Runs the load command. `--allow-empty` lets files without records remove all records of the source.
 * @returns 0 when the files were read completely and every record was published; 1 when the run did not complete
 *   (the source keeps its records then) or when a record or item was rejected.
 * @throws BadInputError when no file or no `--source` is given, or the source name is invalid.
 */
export async function loadCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { source: { type: 'string' }, 'allow-empty': { type: 'boolean' } });
  if (positionals.length === 0) throw new BadInputError('No file given; use: bouwblokken load FILE --source NAME');
  if (!values.source) throw new BadInputError('No source given; use: bouwblokken load FILE --source NAME');
  if (!/^[a-z][a-z0-9-]*$/.test(values.source)) {
    throw new BadInputError(`Source name "${values.source}" is invalid; use a-z, 0-9 and "-", starting with a letter`);
  }

  const runtime = await openRuntime(values.config);
  try {
    const report = await runHarvest(new FileHarvester(values.source, positionals), {
      store: runtime.store,
      validator: await RecordValidator.load(),
      logger: runtime.logger,
      baseIri: runtime.config.baseIri,
      dataDir: runtime.config.dataDir,
      allowEmpty: values['allow-empty'] ?? false,
    });
    io.stderr.write(`${formatSummaryLine(report)}\n`);
    io.stderr.write(formatRejections(report));
    return report.outcome === 'completed' && report.counts.rejected === 0 ? 0 : 1;
  } finally {
    await runtime.store.close();
  }
}

/**
 * Formats what a publisher needs to fix: the most frequent reasons, then each rejected record with its IRI and
 * violations, and each item that could not be read as a record. Empty when nothing was rejected.
 */
export function formatRejections(report: HarvestRunReport): string {
  const lines: string[] = [];
  if (report.topReasons.length > 0) {
    lines.push('Meest voorkomende redenen / top reasons:');
    for (const reason of report.topReasons) {
      lines.push(`  ${reason.count}× ${reason.path ? `${reason.path}: ` : ''}${reason.message.nl} / ${reason.message.en}`);
    }
  }

  for (const rejected of report.rejected.slice(0, MAX_LISTED_RECORDS)) {
    const kept = rejected.keptPreviousVersion ? ' (vorige versie behouden / kept previous version because the new one was rejected)' : '';
    lines.push(`afgewezen / rejected <${rejected.iri}>${kept}`);
    for (const finding of rejected.findings.filter((candidate) => candidate.severity === 'violation')) {
      lines.push(`  ${finding.path ? `${finding.path}: ` : ''}${finding.message.nl} / ${finding.message.en}${finding.value !== undefined ? ` (${finding.value})` : ''}`);
    }
  }
  if (report.rejected.length > MAX_LISTED_RECORDS) {
    lines.push(`... en nog ${report.rejected.length - MAX_LISTED_RECORDS} / and ${report.rejected.length - MAX_LISTED_RECORDS} more; see the run report ${report.runId}`);
  }

  for (const failure of report.failures) {
    lines.push(`niet gelezen / not read ${failure.itemId ? `<${failure.itemId}>` : failure.sourceUrl}: ${failure.message.nl} / ${failure.message.en}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
