import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Parser } from 'n3';
import { FileHarvester } from '../../harvesters/files';
import { blankNodeDepth, checkRecordLimits, MAX_BLANK_NODE_DEPTH, MAX_QUADS_PER_RECORD } from '../../harvesters/recordLimits';
import { runHarvest } from '../../harvesters/runHarvest';
import { BASE_IRI, createStore, loadValidator, logger } from './helpers';

const SERVICE = 'https://example.org/id/api/diep';

/** A data service whose `rdfs:seeAlso` chain of blank nodes is `depth` levels deep. */
function chain(depth: number): string {
  let nested = '"einde"';
  for (let level = 0; level < depth; level++) nested = `[ <http://www.w3.org/2000/01/rdf-schema#seeAlso> ${nested} ]`;
  return `<${SERVICE}> a <http://www.w3.org/ns/dcat#DataService> ; <http://www.w3.org/2000/01/rdf-schema#seeAlso> ${nested} .`;
}

describe('record limits', () => {
  it('measures blank node depth', () => {
    expect(blankNodeDepth(SERVICE, new Parser().parse(chain(0)))).to.equal(0);
    expect(blankNodeDepth(SERVICE, new Parser().parse(chain(1)))).to.equal(1);
    expect(blankNodeDepth(SERVICE, new Parser().parse(chain(7)))).to.equal(7);
  });

  it('counts a blank node cycle once', () => {
    const quads = new Parser().parse(`<${SERVICE}> <urn:p> _:a . _:a <urn:p> _:b . _:b <urn:p> _:a .`);
    expect(blankNodeDepth(SERVICE, quads)).to.equal(2);
  });

  it('accepts a record at the limits', () => {
    expect(checkRecordLimits({ iri: SERVICE, quads: new Parser().parse(chain(MAX_BLANK_NODE_DEPTH)) })).to.deep.equal([]);
  });

  it('rejects blank nodes nested too deep', () => {
    const findings = checkRecordLimits({ iri: SERVICE, quads: new Parser().parse(chain(MAX_BLANK_NODE_DEPTH + 1)) });
    expect(findings).to.have.length(1);
    expect(findings[0]!.severity).to.equal('violation');
    expect(findings[0]!.message.en).to.equal(`Blank nodes are nested 21 levels deep; the maximum is ${MAX_BLANK_NODE_DEPTH}. Give nested resources IRIs of their own.`);
  });

  it('rejects a record with too many quads', () => {
    const lines = [`<${SERVICE}> a <http://www.w3.org/ns/dcat#DataService> .`];
    for (let index = 0; index < MAX_QUADS_PER_RECORD; index++) lines.push(`<${SERVICE}> <http://www.w3.org/ns/dcat#keyword> "k${index}" .`);
    const findings = checkRecordLimits({ iri: SERVICE, quads: new Parser().parse(lines.join('\n')) });
    expect(findings.map((finding) => finding.message.en)).to.deep.equal([
      `The record has ${MAX_QUADS_PER_RECORD + 1} triples; the maximum is ${MAX_QUADS_PER_RECORD}. Split it into records with IRIs of their own.`,
    ]);
  });

  it('rejects a 50,000-deep chain at load time', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'bouwblokken-limits-')), 'deep.nt');
    const lines = [`<${SERVICE}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#DataService> .`, `<${SERVICE}> <urn:p> _:n0 .`];
    for (let index = 0; index < 50_000; index++) lines.push(`_:n${index} <urn:p> _:n${index + 1} .`);
    await writeFile(file, `${lines.join('\n')}\n`);
    const store = createStore();
    const report = await runHarvest(new FileHarvester('extra', [file]), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
    expect(report.counts.rejected).to.equal(1);
    expect(report.counts.published).to.equal(0);
    const messages = report.rejected[0]!.findings.map((finding) => finding.message.en);
    expect(messages).to.include(`The record has 50002 triples; the maximum is ${MAX_QUADS_PER_RECORD}. Split it into records with IRIs of their own.`);
    expect(messages).to.include(`Blank nodes are nested 50001 levels deep; the maximum is ${MAX_BLANK_NODE_DEPTH}. Give nested resources IRIs of their own.`);
    expect((await store.statistics()).sources.extra ?? 0).to.equal(0);
  });
});
