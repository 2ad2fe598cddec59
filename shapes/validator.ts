/**
 * Validates one record at a time against the Bouwblokken SHACL shapes (`shapes/*.ttl`). These follow
 * DCAT-AP-NL 3.0 for data services, datasets and distributions, and the Bouwblokken profile for building
 * blocks, code repositories, organisations and reviews. The shapes are compiled once. Each record is
 * checked on its own quads, without the rest of the catalogue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import defaultEnvironment from 'rdf-validate-shacl/src/defaultEnv.js';
import type { ValidationResult as EngineResult } from 'rdf-validate-shacl/src/validation-report.js';
import { ParseError } from '../core/errors';
import { PREFIXES, SH, XSD } from '../vocab/namespaces';
import { ArrayDataset } from './ArrayDataset';
import { MemoizedDataset } from './MemoizedDataset';
import { TargetIndex } from './TargetIndex';

/** Severity of a finding. Only violations make a record non-conforming. */
export type Severity = 'violation' | 'warning' | 'info';

/** One finding about one node of a record. */
export interface ValidationResult {
  /**
   * IRI of the node the finding is about (or `_:label` for a blank node that no named node links to).
   * A finding about a nested blank node, such as a contact point, is reported on the record that links to it.
   */
  focusNode: string;
  /**
   * The property concerned: one IRI, or for a nested node the chain of IRIs from the focus node, separated
   * by ` / `. Absent for findings about the node as a whole.
   */
  path?: string;
  severity: Severity;
  message: { nl: string; en: string };
  /** The offending value: an IRI, a literal in double quotes with its `@language` or `^^<datatype>`, or `_:label`. */
  value?: string;
  /** IRI of the shape that reported the finding. */
  sourceShape?: string;
  /** IRI of the SHACL constraint component, such as `sh:MinCountConstraintComponent`. */
  constraint?: string;
}

/** The outcome of validating one record. */
export interface ValidationReport {
  /** False only when at least one result is a violation. */
  conforms: boolean;
  /** Findings ordered by focus node, severity (violations first) and path. */
  results: ValidationResult[];
}

const SHAPES_DIRECTORY = fileURLToPath(new URL('.', import.meta.url));

const SEVERITIES: ReadonlyMap<string, Severity> = new Map([
  [SH.Violation.value, 'violation'],
  [SH.Warning.value, 'warning'],
  [SH.Info.value, 'info'],
]);

const SEVERITY_ORDER: Record<Severity, number> = { violation: 0, warning: 1, info: 2 };

/** Separator between the IRIs of a nested path; IRIs cannot contain spaces, so it is unambiguous. */
const PATH_SEPARATOR = ' / ';

/** Validates records against the compiled Bouwblokken shapes. Create it with {@link RecordValidator.load}. */
export class RecordValidator {
  private readonly engine: SHACLValidator;
  /** Which shapes can have focus nodes in a record. */
  private readonly targets: TargetIndex;
  /** IRIs of the classes that the shapes target with `sh:targetClass`, sorted. */
  readonly targetClasses: readonly string[];
  /** Folder of the `*.ttl` shape files this validator was loaded from. */
  readonly shapesDirectory: string;

  private constructor(engine: SHACLValidator, targets: TargetIndex, targetClasses: readonly string[], shapesDirectory: string) {
    this.engine = engine;
    this.targets = targets;
    this.targetClasses = targetClasses;
    this.shapesDirectory = shapesDirectory;
  }

  /**
   * Reads and compiles the shapes, once per validator.
   * @param options.shapesDirectory folder with the `*.ttl` shape files; defaults to the `shapes/` folder.
   * @throws ParseError when a shape file is not valid Turtle, with its file and line.
   */
  static async load(options: { shapesDirectory?: string } = {}): Promise<RecordValidator> {
    const shapesDirectory = options.shapesDirectory ?? SHAPES_DIRECTORY;
    const shapes = readShapes(shapesDirectory);

    // The engine builds a small dataset for every result and nested check; array datasets are cheaper there.
    const environment = defaultEnvironment.clone();
    environment.dataset = ((quads?: Iterable<Quad>) => new ArrayDataset(quads)) as typeof environment.dataset;
    const engine = new SHACLValidator(shapes, { factory: environment });

    // The engine reads its shapes graph lazily, so it can be replaced before the first validation. The
    // memoized copy returns the results of the engine's repeated look-ups in the shapes from memory.
    engine.$shapes = engine.factory.clownface({ dataset: new MemoizedDataset(engine.$shapes.dataset) });

    // The library's asynchronous entry point loads owl:imports once; after that validation is synchronous.
    await engine.validate(new Store());
    const targets = TargetIndex.of(engine);
    const targetClasses = [...new Set(shapes.getObjects(null, SH.targetClass, null).map((term) => term.value))].sort();
    return new RecordValidator(engine, targets, targetClasses, shapesDirectory);
  }

  /**
   * Validates one record: its quads only, in any graph. Every node typed with a target class of a shape
   * is checked, so a record's nested nodes and any inline descriptions are checked too.
   * @returns the report. Invalid data gives results, never an exception.
   * @throws Error only when the SHACL engine itself fails.
   */
  validate(quads: readonly Quad[]): ValidationReport {
    // The engine matches the same patterns on a record many times, once per shape that checks a property, so
    // the record is memoized like the shapes graph.
    const data = new MemoizedDataset(quads.map(({ subject, predicate, object }) => DataFactory.quad(subject, predicate, object)));

    // Run the shapes whose targets occur in the record, in the engine's order, as its `validateAll` does for
    // all shapes. rdf-validate-shacl's public `validate` is asynchronous only to load owl:imports, which
    // `load` has done.
    // NOTE: this uses the engine's public fields and methods as typed in version 0.6.5 (`$data`,
    // `validationEngine`, `Shape.getTargetNodes`). A later version may change them, and then the tests in
    // test/shapes fail.
    const dataGraph = this.engine.factory.clownface({ dataset: data });
    this.engine.$data = dataGraph;
    const validation = this.engine.validationEngine;
    validation.initReport();
    for (const shape of this.targets.shapesWithTargetsIn(data)) {
      for (const focusNode of shape.getTargetNodes(dataGraph)) validation.validateNodeAgainstShape(focusNode, shape, dataGraph);
    }
    const engineReport = validation.getReport();

    const parents = indexBlankNodeParents(data);
    const results = engineReport.results.map((result) => convertResult(result, parents)).sort(compareResults);
    return { conforms: !results.some((result) => result.severity === 'violation'), results };
  }
}

/**
 * Formats a report as readable text: a summary line, then per focus node one line per finding with its
 * severity, path, message and offending value.
 */
export function formatReport(report: ValidationReport, language: 'nl' | 'en'): string {
  const words = WORDS[language];
  const counts = { violation: 0, warning: 0, info: 0 };
  for (const result of report.results) counts[result.severity]++;

  const counted = (severity: Severity): string => `${counts[severity]} ${counts[severity] === 1 ? words.singular[severity] : words.plural[severity]}`;
  const lines = [
    `${report.conforms ? words.conforms : words.doesNotConform} (${counted('violation')}, ${counted('warning')}, ${counted('info')})`,
  ];

  let currentFocusNode: string | undefined;
  for (const result of report.results) {
    if (result.focusNode !== currentFocusNode) {
      currentFocusNode = result.focusNode;
      lines.push('', formatNode(result.focusNode));
    }
    const path = result.path ? ` ${result.path.split(PATH_SEPARATOR).map(compactIri).join('/')}` : '';
    lines.push(`  ${words.severity[result.severity]}${path}: ${result.message[language]}`);
    if (result.value !== undefined) lines.push(`    ${words.value}: ${formatNode(result.value)}`);
  }
  return lines.join('\n') + '\n';
}

const WORDS = {
  nl: {
    conforms: 'Voldoet',
    doesNotConform: 'Voldoet niet',
    singular: { violation: 'overtreding', warning: 'waarschuwing', info: 'melding' },
    plural: { violation: 'overtredingen', warning: 'waarschuwingen', info: 'meldingen' },
    severity: { violation: 'OVERTREDING', warning: 'WAARSCHUWING', info: 'MELDING' },
    value: 'waarde',
  },
  en: {
    conforms: 'Conforms',
    doesNotConform: 'Does not conform',
    singular: { violation: 'violation', warning: 'warning', info: 'info' },
    plural: { violation: 'violations', warning: 'warnings', info: 'info' },
    severity: { violation: 'VIOLATION', warning: 'WARNING', info: 'INFO' },
    value: 'value',
  },
} as const;

function readShapes(directory: string): Store {
  const shapes = new Store();
  const files = readdirSync(directory).filter((name) => name.endsWith('.ttl')).sort();
  for (const name of files) {
    const path = join(directory, name);
    try {
      shapes.addQuads(new Parser({ baseIRI: pathToFileURL(path).href }).parse(readFileSync(path, 'utf8')));
    } catch (error) {
      throw new ParseError(`Shape file ${path} is not valid Turtle: ${(error as Error).message}`, {
        cause: error,
        location: { resource: path, ...parserLocation(error) },
      });
    }
  }
  return shapes;
}

/** Returns the line that N3.js reports in its error context, when there is one. */
function parserLocation(error: unknown): { line?: number } {
  const context = (error as { context?: { line?: unknown } }).context;
  return typeof context?.line === 'number' ? { line: context.line } : {};
}

/** Maps each blank node to the subject and predicate of one quad that has it as object. */
function indexBlankNodeParents(data: MemoizedDataset): Map<string, { subject: Term; predicate: string }> {
  const parents = new Map<string, { subject: Term; predicate: string }>();
  for (const quad of data.match()) {
    if (quad.object.termType === 'BlankNode' && !parents.has(quad.object.value)) {
      parents.set(quad.object.value, { subject: quad.subject, predicate: quad.predicate.value });
    }
  }
  return parents;
}

function convertResult(
  result: EngineResult,
  parents: ReadonlyMap<string, { subject: Term; predicate: string }>,
): ValidationResult {
  // Climb from a blank focus node to the nearest named node, collecting the predicates on the way.
  let focus: Term = result.focusNode;
  const pathSteps: string[] = [];
  const visited = new Set<string>();
  while (focus.termType === 'BlankNode' && !visited.has(focus.value)) {
    visited.add(focus.value);
    const parent = parents.get(focus.value);
    if (!parent) break;
    pathSteps.unshift(parent.predicate);
    focus = parent.subject;
  }
  const resultPath = result.path;
  if (resultPath?.termType === 'NamedNode') pathSteps.push(resultPath.value);

  const converted: ValidationResult = {
    focusNode: termToString(focus),
    severity: SEVERITIES.get(result.severity.value) ?? 'violation',
    message: pickMessages(result.message, result.sourceConstraintComponent),
  };
  if (pathSteps.length > 0) converted.path = pathSteps.join(PATH_SEPARATOR);
  // A node-level finding on a nested blank node has that node as value. Once the finding is reported on
  // the record, that blank node label means nothing to a reader, so it is left out.
  if (result.value && !(result.value.termType === 'BlankNode' && result.value.equals(result.focusNode))) {
    converted.value = termToString(result.value);
  }
  if (result.sourceShape?.termType === 'NamedNode') converted.sourceShape = result.sourceShape.value;
  if (result.sourceConstraintComponent) converted.constraint = result.sourceConstraintComponent.value;
  return converted;
}

/** Picks the Dutch and English message; a message without a language tag serves both languages. */
function pickMessages(messages: readonly Term[], component: Term | undefined): { nl: string; en: string } {
  const byLanguage = (language: string): string | undefined =>
    messages.find((message) => message.termType === 'Literal' && message.language === language)?.value;
  const untagged = messages.find((message) => message.termType === 'Literal' && message.language === '')?.value;
  const nl = byLanguage('nl') ?? untagged;
  const en = byLanguage('en') ?? untagged;
  // NOTE: every Bouwblokken shape has both messages (a test checks this); the fallback serves foreign shapes.
  const constraint = component ? compactIri(component.value) : 'unknown constraint';
  return {
    nl: nl ?? en ?? `Voorwaarde ${constraint} is niet vervuld.`,
    en: en ?? nl ?? `Constraint ${constraint} is not satisfied.`,
  };
}

/** Writes an IRI as is, a blank node as `_:label` and a literal in quotes with its language or datatype. */
function termToString(term: Term): string {
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  if (term.termType !== 'Literal') return term.value;
  const lexical = JSON.stringify(term.value);
  if (term.language) return `${lexical}@${term.language}`;
  return term.datatype.value === XSD.string.value ? lexical : `${lexical}^^<${term.datatype.value}>`;
}

function compareResults(a: ValidationResult, b: ValidationResult): number {
  return (
    a.focusNode.localeCompare(b.focusNode) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.path ?? '').localeCompare(b.path ?? '') ||
    a.message.en.localeCompare(b.message.en)
  );
}

/** Shortens an IRI to `prefix:local` with the known prefixes, or returns it in angle brackets. */
function compactIri(iri: string): string {
  let best: [string, string] | undefined;
  for (const [prefix, namespace] of Object.entries(PREFIXES)) {
    if (iri.startsWith(namespace) && (!best || namespace.length > best[1].length)) best = [prefix, namespace];
  }
  if (best) {
    const local = iri.slice(best[1].length);
    if (/^[A-Za-z_][\w.-]*$/.test(local) && !local.endsWith('.')) return `${best[0]}:${local}`;
  }
  return `<${iri}>`;
}

function formatNode(value: string): string {
  return value.startsWith('"') || value.startsWith('_:') ? value : compactIri(value);
}
