/**
 * Helpers that the source mappings share to build a record's quads from JSON values: IRIs checked before use,
 * language-tagged literals, dates with the right datatype, and findings for values that cannot be used.
 */
import type { BlankNode, Literal, NamedNode, Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { XSD } from '../vocab/namespaces';
import type { Finding, LocalisedText } from './Harvester';

const { namedNode, literal, quad, blankNode } = DataFactory;

/** The datatype IRI that data.overheid.nl's own RDF writes for date-times; it is no XSD datatype. */
export const LOWER_CASE_DATETIME = `${XSD.namespace}datetime`;

/** Collects the quads and findings of one record. */
export class RecordBuilder {
  readonly quads: Quad[] = [];
  readonly findings: Finding[] = [];
  readonly subject: NamedNode;

  constructor(iri: string) {
    this.subject = namedNode(iri);
  }

  /** Adds one quad in the default graph. */
  add(subject: NamedNode | BlankNode, predicate: NamedNode, object: Quad_Object): void {
    this.quads.push(quad(subject, predicate, object));
  }

  /** Adds an IRI object when `value` is an absolute http(s), mailto, tel or urn IRI; a warning otherwise. */
  addIri(subject: NamedNode | BlankNode, predicate: NamedNode, value: unknown): NamedNode | undefined {
    if (isBlank(value)) return undefined;
    const iri = toIri(value);
    if (iri) {
      this.add(subject, predicate, namedNode(iri));
      return namedNode(iri);
    }
    this.warn(predicate, String(value), {
      nl: `De waarde "${String(value)}" is geen geldige URL en is weggelaten.`,
      en: `The value "${String(value)}" is not a valid URL and was left out.`,
    });
    return undefined;
  }

  /** Adds a literal, language-tagged when `language` is given; empty strings are skipped. */
  addText(subject: NamedNode | BlankNode, predicate: NamedNode, value: unknown, language?: string): void {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const text = cleanText(String(value));
    if (text === '') return;
    this.add(subject, predicate, language ? literal(text, language) : literal(text));
  }

  /** Adds a date or date-time typed as `xsd:date` or `xsd:dateTime`; a warning when it is no date. */
  addDate(subject: NamedNode | BlankNode, predicate: NamedNode, value: unknown): void {
    if (isBlank(value)) return;
    const typed = dateLiteral(String(value));
    if (typed) {
      this.add(subject, predicate, typed);
      return;
    }
    this.warn(predicate, String(value), {
      nl: `De waarde "${String(value)}" is geen datum (verwacht: JJJJ-MM-DD of een ISO 8601-tijdstip) en is weggelaten.`,
      en: `The value "${String(value)}" is not a date (expected YYYY-MM-DD or an ISO 8601 date-time) and was left out.`,
    });
  }

  /** Creates a fresh blank node for a nested resource of this record. */
  node(): BlankNode {
    return blankNode();
  }

  /** Records a warning about `predicate` of this record. */
  warn(predicate: NamedNode | undefined, value: string | undefined, message: LocalisedText): void {
    this.findings.push({ severity: 'warning', focusNode: this.subject.value, ...(predicate ? { path: predicate.value } : {}), ...(value !== undefined ? { value } : {}), message });
  }

  /** Records a violation: the record will not be published. */
  violate(predicate: NamedNode | undefined, message: LocalisedText): void {
    this.findings.push({ severity: 'violation', focusNode: this.subject.value, ...(predicate ? { path: predicate.value } : {}), message });
  }
}

/** Returns true for undefined, null and strings that are empty after trimming. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Returns `value` as an absolute IRI when it is an http(s), mailto, tel or urn IRI without spaces, else undefined. */
export function toIri(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!/^(https?:\/\/[^\s<>"{}|\\^`]+|mailto:[^\s<>"]+@[^\s<>"]+|tel:\+?\d+|urn:[a-z0-9][a-z0-9-]*:\S+)$/i.test(trimmed)) return undefined;
  try {
    return /^(urn|mailto|tel):/i.test(trimmed) ? trimmed : new URL(trimmed).toString();
  } catch {
    return undefined;
  }
}

/** Collapses whitespace and trims a text taken from a source. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Types a date as the sources write it: `YYYY-MM-DD` as `xsd:date`, an ISO 8601 date-time (with or without
 * fraction or time zone) as `xsd:dateTime`, and a date-time written with a space instead of `T` the same way.
 * @returns undefined when the value is no such date.
 */
export function dateLiteral(value: string): Literal | undefined {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return isRealDate(trimmed) ? literal(trimmed, XSD.date) : undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(trimmed);
  if (!match || !isRealDate(match[1]!)) return undefined;
  const time = match[2]!.length === 5 ? `${match[2]}:00` : match[2]!;
  const zone = match[3] ? match[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : '';
  return literal(`${match[1]}T${time}${zone}`, XSD.dateTime);
}

/**
 * Repairs a literal with the datatype `xsd:datetime` (lower case), which data.overheid.nl's RDF writes but which
 * is no datatype: it becomes `xsd:dateTime` or `xsd:date` depending on its value. Other literals are returned
 * unchanged, and so is a lower-case one whose value is no date.
 */
export function repairLiteral(term: Literal): Literal {
  if (term.datatype.value !== LOWER_CASE_DATETIME) return term;
  return dateLiteral(term.value) ?? term;
}

/** Applies `repairLiteral` to the object of every quad that needs it. */
export function repairQuads(quads: readonly Quad[]): Quad[] {
  return quads.map((item) => item.object.termType === 'Literal' && item.object.datatype.value === LOWER_CASE_DATETIME
    ? quad(item.subject, item.predicate, repairLiteral(item.object), item.graph)
    : item);
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
