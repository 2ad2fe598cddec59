/**
 * `bouwblokken load FILE... --source NAME`: replaces the records of source NAME with the records in the files
 * (Turtle, TriG, N-Triples, N-Quads or JSON-LD, or directories of them), checked by the shapes like harvested
 * records.
 */
import type { CommandIo } from './io';
import { openRuntime, parseCommandArgs } from './runtime';
import { BadInputError } from '../core/errors';
import { FileHarvester } from '../harvesters/files';
import { formatSummaryLine } from '../harvesters/harvestAll';
import { runHarvest } from '../harvesters/runHarvest';
import { RecordValidator } from '../shapes/validator';

/**
 * Runs the load command.
 * @returns 0 when the files were read completely and stored, 1 otherwise (the source keeps its records then).
 * @throws BadInputError when no file or no `--source` is given, or the source name is invalid.
 */
export async function loadCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { source: { type: 'string' } });
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
    });
    io.stderr.write(`${formatSummaryLine(report)}\n`);
    for (const rejected of report.rejected) {
      const violations = rejected.findings.filter((finding) => finding.severity === 'violation');
      io.stderr.write(`  afgewezen / rejected ${rejected.iri}: ${violations.map((finding) => finding.message.en).join(' ')}\n`);
    }
    return report.outcome === 'completed' ? 0 : 1;
  } finally {
    await runtime.store.close();
  }
}
