/**
 * One harvest run of one source. It reads the snapshot and checks every record against the shapes. Only when the
 * run completed, the published records replace the previous snapshot. A rejected record whose previous version
 * was published keeps that version, and a run with no records to store does not empty a source unless asked to.
 * Every run is described in the provenance graph and gets a report.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Writer } from 'n3';
import { describeError, LimitExceededError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { CatalogueStore, RecordInput, ReplacementSummary } from '../store/CatalogueStore';
import { BB, PROV, RDF, XSD } from '../vocab/namespaces';
import type { Finding, HarvestedRecord, HarvestProgress, HarvestSnapshot, Harvester, ItemFailure, LocalisedText, Severity } from './Harvester';
import { readStoredRecords } from './previousRecords';
import { checkRecordLimits } from './recordLimits';
import { validateRecords, type RecordCheck } from './recordValidation';
import { SourceState, writeFileAtomically } from './state';

const { namedNode, literal, quad } = DataFactory;

/** One result of the shapes validator, as `shapes/validator.ts` returns it. */
export interface ValidatorResult {
  readonly focusNode: string | { readonly value: string };
  readonly path?: string | { readonly value: string };
  readonly severity: Severity;
  readonly message: LocalisedText;
  readonly value?: string | { readonly value: string };
}

/** The part of `RecordValidator` (in `shapes/validator.ts`) that a harvest run uses. */
export interface RecordChecker {
  validate(quads: readonly Quad[]): { conforms: boolean; results: readonly ValidatorResult[] } | Promise<{ conforms: boolean; results: readonly ValidatorResult[] }>;
}

/** Outcome of a run. Only `completed` runs replace the source's records. */
export type RunOutcome = 'completed' | 'incomplete' | 'failed';

/** A record in a run report, with the findings its publisher should act on. */
export interface ReportedRecord {
  readonly iri: string;
  readonly label?: string;
  readonly sourceUrl: string;
  readonly findings: readonly Finding[];
  /** The rejected record itself, as N-Triples; absent for published records. */
  readonly ntriples?: string;
  /** True when the record was rejected but its previously published version stays published. */
  readonly keptPreviousVersion?: boolean;
}

/** A frequent reason for rejection and how many records it kept out. */
export interface RejectionReason {
  readonly message: LocalisedText;
  readonly path?: string;
  readonly count: number;
}

/** Counts of one run; the same numbers are stored with the run's `prov:Activity`. */
export interface RunCounts {
  readonly pages: number;
  /** Items read from the source, including those that could not be mapped. */
  readonly read: number;
  readonly published: number;
  /** Records with violations plus items that could not be mapped. */
  readonly rejected: number;
  /** Published records that carry warnings. */
  readonly withWarnings: number;
  readonly added: number;
  readonly kept: number;
  readonly removed: number;
  /** Rejected records whose previously published version stays published. */
  readonly keptPrevious: number;
  readonly requests?: number;
}

/** The report of one run, written as JSON to `{dataDir}/reports/{source}/{runId}.json` and `latest.json`. */
export interface HarvestRunReport {
  readonly runId: string;
  readonly runIri: string;
  readonly source: string;
  readonly kind: string;
  readonly location: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  readonly outcome: RunOutcome;
  /** Reason the run did not complete; absent for completed runs. */
  readonly reason?: string;
  readonly note?: string;
  readonly counts: RunCounts;
  /** The three most frequent reasons for rejection, most frequent first. */
  readonly topReasons: readonly RejectionReason[];
  readonly rejected: readonly ReportedRecord[];
  readonly warnings: readonly ReportedRecord[];
  readonly failures: readonly ItemFailure[];
  /** IRIs of the records that disappeared from the source in this run. */
  readonly removed: readonly string[];
}

/** Dependencies and settings of `runHarvest`, besides the harvester. */
export interface RunHarvestOptions {
  readonly store: CatalogueStore;
  readonly validator: RecordChecker;
  readonly logger: Logger;
  readonly baseIri: string;
  /** Directory for reports and harvest state; nothing is written when absent. */
  readonly dataDir?: string;
  /** Read the whole source, even when the source supports incremental runs. */
  readonly full?: boolean;
  readonly progress?: (progress: HarvestProgress) => void;
  /** Stops the run early (for example on Ctrl-C); the run then counts as incomplete. */
  readonly signal?: AbortSignal;
  /**
   * Apply a completed run that has no records to store even when the source has records now, so that all of them
   * are removed. Without it, such a run fails and the records stay, because an empty snapshot is more often a
   * broken source or file than an intended removal.
   */
  readonly allowEmpty?: boolean;
}

/**
 * Runs one harvest of `harvester`'s source. A source that cannot be read gives a report with outcome `failed`
 * or `incomplete` and the reason, instead of an exception, and the previous records stay. A record that the
 * validator cannot check is rejected with a finding that states the reason.
 * @returns the run's report, also written to the data directory when one is given.
 * @throws only when the report or state cannot be written, or the store fails while recording a failed run.
 */
export async function runHarvest(harvester: Harvester, options: RunHarvestOptions): Promise<HarvestRunReport> {
  const startedAt = new Date();
  const runId = createRunId(startedAt);
  const runIri = `${options.baseIri}run/${encodeURIComponent(harvester.source)}/${runId}`;
  const logger = options.logger.child({ source: harvester.source, runId });
  const state = await SourceState.load(options.dataDir, harvester.source);
  logger.debug({ location: harvester.location, kind: harvester.kind }, 'Harvest run started');

  // Read the source within the run's deadline.
  const deadline = AbortSignal.timeout(harvester.runTimeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  let snapshot: HarvestSnapshot | undefined;
  let outcome: RunOutcome = 'completed';
  let reason: string | undefined;
  try {
    snapshot = await harvester.harvest({
      runId,
      baseIri: options.baseIri,
      logger,
      signal,
      cache: state,
      previousState: state.data.harvester,
      lastCompleteRunAt: state.lastCompleteRunAt,
      full: options.full ?? false,
      progress: ({ pages, items }) => options.progress?.({ source: harvester.source, pages, items, elapsedMs: Date.now() - startedAt.getTime() }),
    });
  } catch (error) {
    outcome = error instanceof LimitExceededError || signal.aborted ? 'incomplete' : 'failed';
    reason = deadline.aborted
      ? `the run did not finish within ${harvester.runTimeoutMs} ms (${describeError(error)})`
      : describeError(error);
  }

  // Check every record against the shapes.
  const checked = snapshot ? await checkRecords(snapshot.records, options.validator, logger) : { published: [], rejected: [], warnings: [] };

  // A rejected record keeps its previously published version, so a bad update does not remove a good record.
  let keptPrevious: RecordInput[] = [];
  if (snapshot && outcome === 'completed') {
    try {
      keptPrevious = await keepPreviousVersions(checked.rejected, options.store, options.baseIri, harvester.source);
    } catch (error) {
      outcome = 'failed';
      reason = `reading the previously published versions of rejected records failed: ${describeError(error)}`;
    }
  }
  const toStore = [...checked.published, ...keptPrevious];

  // Do not empty a source that has records by accident: an empty snapshot is usually a broken file or source.
  if (snapshot && outcome === 'completed' && toStore.length === 0 && !options.allowEmpty) {
    let current = 0;
    try {
      current = (await options.store.statistics()).sources[harvester.source] ?? 0;
    } catch (error) {
      outcome = 'failed';
      reason = `counting the stored records of the source failed: ${describeError(error)}`;
    }
    if (current > 0) {
      outcome = 'failed';
      reason = `the run has no records to publish, so storing it would remove ${current === 1 ? 'the only record' : `all ${current} records`} of source "${harvester.source}"; `
        + 'the records are kept. Check the source or file; to remove them deliberately, run bouwblokken load with --allow-empty';
    }
  }

  // Replace the source's records, but only with a complete snapshot.
  const endedAt = new Date();
  let summary: ReplacementSummary | undefined;
  const counts = (): RunCounts => ({
    pages: snapshot?.pages ?? 0,
    read: snapshot?.itemsRead ?? 0,
    published: outcome === 'completed' ? checked.published.length : 0,
    rejected: checked.rejected.length + (snapshot?.failures.length ?? 0),
    withWarnings: checked.warnings.length,
    added: summary?.added.length ?? 0,
    kept: summary?.kept.length ?? 0,
    removed: summary?.removed.length ?? 0,
    keptPrevious: outcome === 'completed' ? keptPrevious.length : 0,
  });
  if (snapshot && outcome === 'completed') {
    try {
      const provisional = runQuads(runIri, harvester, startedAt, endedAt, { ...counts(), published: checked.published.length }, outcome, undefined);
      summary = await options.store.replaceSource({
        source: harvester.source,
        runIri,
        generatedAt: endedAt,
        records: toStore,
        provenance: [...provisional, ...(snapshot.provenance ?? [])],
      });
      // The deletion count is known only now; it is added to the run's description.
      await options.store.addProvenance([quad(namedNode(runIri), BB.deletedCount, literal(String(summary.removed.length), XSD.integer))]);
    } catch (error) {
      outcome = 'failed';
      reason = `storing the snapshot failed: ${describeError(error)}`;
    }
  }
  if (outcome !== 'completed') {
    await options.store.addProvenance(runQuads(runIri, harvester, startedAt, endedAt, counts(), outcome, reason));
  }

  // Write the report and, after a complete run, the state for the next one.
  const report: HarvestRunReport = {
    runId,
    runIri,
    source: harvester.source,
    kind: harvester.kind,
    location: harvester.location,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationMs: endedAt.getTime() - startedAt.getTime(),
    outcome,
    ...(reason !== undefined ? { reason } : {}),
    ...(snapshot?.note !== undefined ? { note: snapshot.note } : {}),
    counts: counts(),
    topReasons: topReasons(checked.rejected, snapshot?.failures ?? []),
    rejected: outcome === 'completed' ? markKeptPrevious(checked.rejected, keptPrevious) : checked.rejected,
    warnings: checked.warnings,
    failures: snapshot?.failures ?? [],
    removed: summary?.removed ?? [],
  };
  if (options.dataDir) {
    await writeReport(options.dataDir, report);
    if (outcome === 'completed') await state.saveCompleteRun({ runId, startedAt }, snapshot?.state);
  }

  // One line per run: info when it completed, error when it did not.
  const line = { outcome, ...report.counts, durationMs: report.durationMs, ...(reason ? { reason } : {}) };
  if (outcome === 'completed') logger.info(line, 'Harvest run completed');
  else logger.error(line, 'Harvest run did not complete; the previous records are kept');
  return report;
}

/** Returns the path of a run's report file. */
export function reportFile(dataDir: string, source: string, runId: string): string {
  return path.join(dataDir, 'reports', source, `${runId}.json`);
}

/** Returns a run id that sorts by time: `20260412T101500123Z-1a2b3c`. */
function createRunId(startedAt: Date): string {
  return `${startedAt.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

async function checkRecords(records: readonly HarvestedRecord[], validator: RecordChecker, logger: Logger): Promise<{
  published: HarvestedRecord[]; rejected: ReportedRecord[]; warnings: ReportedRecord[];
}> {
  const published: HarvestedRecord[] = [];
  const rejected: ReportedRecord[] = [];
  const warnings: ReportedRecord[] = [];
  const seen = new Set<string>();

  // A record over the size limits is rejected without validation, which would take long on it.
  const limitFindings = records.map((record) => checkRecordLimits(record));
  const withinLimits = records.filter((_record, index) => limitFindings[index]!.length === 0);
  const validated = await validateRecords(withinLimits, validator, logger);
  const checks: RecordCheck[] = [];
  let next = 0;
  for (const findings of limitFindings) checks.push(findings.length === 0 ? validated[next++]! : { outcome: { conforms: false, results: [] } });

  for (const [index, record] of records.entries()) {
    const check = checks[index]!;
    const findings: Finding[] = [...(record.findings ?? []), ...limitFindings[index]!];

    // A second record with the same IRI would silently replace the first one.
    if (seen.has(record.iri)) {
      findings.push({
        severity: 'violation',
        focusNode: record.iri,
        message: {
          nl: 'Dit record komt meer dan één keer voor in de bron; alleen het eerste is opgenomen.',
          en: 'This record occurs more than once in the source; only the first one was taken.',
        },
      });
    }
    seen.add(record.iri);

    if (check.outcome) {
      for (const result of check.outcome.results) findings.push(toFinding(result));
    } else {
      findings.push({
        severity: 'violation',
        focusNode: record.iri,
        message: {
          nl: `Het record kon niet worden gevalideerd: ${describeError(check.error)}`,
          en: `The record could not be validated: ${describeError(check.error)}`,
        },
      });
    }

    const entry: ReportedRecord = { iri: record.iri, ...(record.label ? { label: record.label } : {}), sourceUrl: record.sourceUrl, findings };
    if (findings.some((finding) => finding.severity === 'violation')) {
      rejected.push({ ...entry, ntriples: check.ntriples ?? new Writer({ format: 'N-Triples' }).quadsToString(record.quads as Quad[]) });
    } else {
      published.push(record);
      if (findings.some((finding) => finding.severity === 'warning')) warnings.push(entry);
    }
  }
  return { published, rejected, warnings };
}

/**
 * Returns the stored versions of the rejected records that the source published before, to be stored again
 * unchanged with the run's snapshot.
 */
async function keepPreviousVersions(
  rejected: readonly ReportedRecord[], store: CatalogueStore, baseIri: string, source: string,
): Promise<RecordInput[]> {
  const stored = await readStoredRecords(store, baseIri, source, rejected.map((record) => record.iri));
  return [...stored.values()];
}

/** Marks the rejected records whose previous version stays published, with a finding that states this. */
function markKeptPrevious(rejected: readonly ReportedRecord[], keptPrevious: readonly RecordInput[]): ReportedRecord[] {
  const kept = new Set(keptPrevious.map((record) => record.iri));
  return rejected.map((record) => (kept.has(record.iri)
    ? {
      ...record,
      keptPreviousVersion: true,
      findings: [...record.findings, {
        severity: 'info' as const,
        focusNode: record.iri,
        message: {
          nl: 'De vorige versie blijft gepubliceerd, omdat de nieuwe versie is afgewezen.',
          en: 'Kept previous version because the new one was rejected.',
        },
      }],
    }
    : record));
}

function toFinding(result: ValidatorResult): Finding {
  const text = (term: string | { value: string } | undefined): string | undefined => (typeof term === 'object' ? term.value : term);
  const finding: Finding = { severity: result.severity, focusNode: text(result.focusNode), message: result.message };
  const resultPath = text(result.path);
  const value = text(result.value);
  return { ...finding, ...(resultPath ? { path: resultPath } : {}), ...(value !== undefined ? { value } : {}) };
}

function topReasons(rejected: readonly ReportedRecord[], failures: readonly ItemFailure[]): RejectionReason[] {
  const reasons = new Map<string, { message: LocalisedText; path?: string; count: number }>();
  const count = (message: LocalisedText, resultPath?: string): void => {
    const key = `${resultPath ?? ''}\u0000${message.en}`;
    const entry = reasons.get(key) ?? { message, ...(resultPath ? { path: resultPath } : {}), count: 0 };
    entry.count++;
    reasons.set(key, entry);
  };

  // Count each reason once per record, even when a record has it on several nodes.
  for (const record of rejected) {
    const distinct = new Map<string, Finding>();
    for (const finding of record.findings) {
      if (finding.severity === 'violation') distinct.set(`${finding.path ?? ''}\u0000${finding.message.en}`, finding);
    }
    for (const finding of distinct.values()) count(finding.message, finding.path);
  }
  for (const failure of failures) count(failure.message);
  return [...reasons.values()].sort((a, b) => b.count - a.count).slice(0, 3);
}

function runQuads(
  runIri: string, harvester: Harvester, startedAt: Date, endedAt: Date, counts: RunCounts, outcome: RunOutcome, reason: string | undefined,
): Quad[] {
  const run = namedNode(runIri);
  const integer = (value: number) => literal(String(value), XSD.integer);
  const quads: Quad[] = [
    quad(run, RDF.type, PROV.Activity),
    quad(run, RDF.type, BB.HarvestRun),
    quad(run, BB.sourceName, literal(harvester.source)),
    quad(run, PROV.startedAtTime, literal(startedAt.toISOString(), XSD.dateTime)),
    quad(run, PROV.endedAtTime, literal(endedAt.toISOString(), XSD.dateTime)),
    quad(run, BB.recordCount, integer(counts.read)),
    quad(run, BB.publishedCount, integer(counts.published)),
    quad(run, BB.rejectedCount, integer(counts.rejected)),
    quad(run, BB.outcome, literal(outcome)),
  ];
  if (/^https?:\/\//.test(harvester.location)) quads.push(quad(run, PROV.used, namedNode(harvester.location)));
  if (reason) quads.push(quad(run, BB.outcomeMessage, literal(reason)));
  return quads;
}

async function writeReport(dataDir: string, report: HarvestRunReport): Promise<void> {
  const text = JSON.stringify(report, null, 2);
  await writeFileAtomically(reportFile(dataDir, report.source, report.runId), text);
  await writeFileAtomically(path.join(dataDir, 'reports', report.source, 'latest.json'), text);
}
