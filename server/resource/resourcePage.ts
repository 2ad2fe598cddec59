/**
 * The HTML page of a resource: title, description, a table of its properties with links, the records it
 * comes from, and links to the other formats. Dutch first, English beside it.
 */
import type { Quad, Term } from '@rdfjs/types';
import { DCT, RDF } from '../../vocab/namespaces';
import { escapeHtml, isLinkableIri, renderPage } from './html';
import { LABEL_PROPERTIES, type ResourceSource } from './describeResource';
import { prefixedName, propertyLabel } from './propertyLabels';

/** Input of a resource page besides the quads. */
export interface ResourcePageInput {
  readonly iri: string;
  readonly quads: readonly Quad[];
  /** Labels of described resources that the quads link to; other http(s) and mailto IRIs are shown as external links. */
  readonly labels: ReadonlyMap<string, string>;
  readonly sources: readonly ResourceSource[];
  /** Other representations: label and URL. */
  readonly alternates: ReadonlyArray<{ readonly label: string; readonly href: string }>;
  /** Returns the local URL of a described resource. */
  readonly localHref: (iri: string) => string;
}

/** Renders the page. */
export function renderResourcePage(input: ResourcePageInput): string {
  const { iri, quads } = input;
  const bySubject = groupBySubject(quads);
  const own = bySubject.get(`N:${iri}`) ?? [];

  // Title and description, Dutch preferred.
  const title = pickLiteral(own, LABEL_PROPERTIES.map((term) => term.value)) ?? iri;
  const titleEn = pickLiteral(own, LABEL_PROPERTIES.map((term) => term.value), 'en');
  const description = pickLiteral(own, [DCT.description.value]);
  const descriptionEn = pickLiteral(own, [DCT.description.value], 'en');
  const types = own.filter((quad) => quad.predicate.equals(RDF.type)).map((quad) => prefixedName(quad.object.value));

  const parts: string[] = [
    `<h1>${escapeHtml(title)}${titleEn && titleEn !== title ? ` <span class="en" lang="en">/ ${escapeHtml(titleEn)}</span>` : ''}</h1>`,
    `<p><code>${escapeHtml(iri)}</code>${types.length > 0 ? ` · ${types.map((type) => escapeHtml(type)).join(', ')}` : ''}</p>`,
  ];
  if (description) parts.push(`<p>${escapeHtml(description)}</p>`);
  if (descriptionEn && descriptionEn !== description) parts.push(`<p class="en" lang="en">${escapeHtml(descriptionEn)}</p>`);

  // Every property, with blank nodes as nested tables.
  parts.push('<h2>Eigenschappen <span class="en">/ Properties</span></h2>');
  parts.push(renderTable(own, bySubject, input, new Set([`N:${iri}`])));

  // Where the description comes from.
  if (input.sources.length > 0) {
    parts.push('<h2>Bronnen <span class="en">/ Sources</span></h2>');
    parts.push('<table>\n<tr><th>Bron <span class="en">/ Source</span></th><th>Geoogst <span class="en">/ Harvested</span></th></tr>');
    for (const source of input.sources) {
      parts.push(`<tr><td>${escapeHtml(source.source)}</td><td>${escapeHtml(source.harvestedAt ?? '')}</td></tr>`);
    }
    parts.push('</table>');
  }

  parts.push(`<p>Andere formaten <span class="en">/ Other formats</span>: ${input.alternates
    .map((alternate) => `<a href="${escapeHtml(alternate.href)}">${escapeHtml(alternate.label)}</a>`).join(' · ')}</p>`);
  return renderPage(title, parts.join('\n'));
}

/** Renders the quads of one subject as a table; a blank node object becomes a nested table. */
function renderTable(quads: readonly Quad[], bySubject: ReadonlyMap<string, Quad[]>, input: ResourcePageInput, visiting: Set<string>): string {
  const rows: string[] = ['<table>', '<tr><th>Eigenschap <span class="en">/ Property</span></th><th>Waarde <span class="en">/ Value</span></th></tr>'];
  const byPredicate = new Map<string, Quad[]>();
  for (const quad of quads) {
    const list = byPredicate.get(quad.predicate.value);
    if (list) list.push(quad);
    else byPredicate.set(quad.predicate.value, [quad]);
  }
  for (const [predicate, values] of byPredicate) {
    const label = propertyLabel(predicate);
    const header = label
      ? `${escapeHtml(label.nl)} <span class="en" lang="en">/ ${escapeHtml(label.en)}</span><br><code>${escapeHtml(prefixedName(predicate))}</code>`
      : `<code>${escapeHtml(prefixedName(predicate))}</code>`;
    const cells = values.map((quad) => renderTerm(quad.object, bySubject, input, visiting)).join('<br>\n');
    rows.push(`<tr><th>${header}</th><td>${cells}</td></tr>`);
  }
  rows.push('</table>');
  return rows.join('\n');
}

function renderTerm(term: Term, bySubject: ReadonlyMap<string, Quad[]>, input: ResourcePageInput, visiting: Set<string>): string {
  if (term.termType === 'Literal') {
    const language = term.language ? ` <span class="en">@${escapeHtml(term.language)}</span>` : '';
    return `<span${term.language ? ` lang="${escapeHtml(term.language)}"` : ''}>${escapeHtml(term.value)}</span>${language}`;
  }
  if (term.termType === 'BlankNode') {
    const key = `B:${term.value}`;
    if (visiting.has(key)) return '(…)';
    const nested = new Set(visiting).add(key);
    return renderTable(bySubject.get(key) ?? [], bySubject, input, nested);
  }
  const label = input.labels.get(term.value);
  if (label !== undefined) {
    return `<a href="${escapeHtml(input.localHref(term.value))}">${escapeHtml(label)}</a> <code class="en">${escapeHtml(prefixedName(term.value))}</code>`;
  }
  const shown = prefixedName(term.value);
  if (!isLinkableIri(term.value)) return `<code>${escapeHtml(shown)}</code>`;
  return `<a href="${escapeHtml(term.value)}">${escapeHtml(shown)}</a>`;
}

/** Returns the first literal of the given properties, in the requested language or else in Dutch, English or any. */
function pickLiteral(quads: readonly Quad[], properties: readonly string[], onlyLanguage?: string): string | undefined {
  for (const property of properties) {
    const literals = quads.filter((quad) => quad.predicate.value === property && quad.object.termType === 'Literal').map((quad) => quad.object);
    if (onlyLanguage) {
      const match = literals.find((literal) => literal.termType === 'Literal' && literal.language === onlyLanguage);
      if (match) return match.value;
      continue;
    }
    const preferred = ['nl', 'en', ''].map((language) => literals.find((literal) => literal.termType === 'Literal' && literal.language === language)).find(Boolean)
      ?? literals[0];
    if (preferred) return preferred.value;
  }
  return undefined;
}

function groupBySubject(quads: readonly Quad[]): Map<string, Quad[]> {
  const groups = new Map<string, Quad[]>();
  for (const quad of quads) {
    const key = `${quad.subject.termType === 'BlankNode' ? 'B' : 'N'}:${quad.subject.value}`;
    const list = groups.get(key);
    if (list) list.push(quad);
    else groups.set(key, [quad]);
  }
  return groups;
}
