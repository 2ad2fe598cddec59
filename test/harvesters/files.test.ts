import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { recordWithoutIriMessage } from '../../core/records';
import { FileHarvester } from '../../harvesters/files';
import { runHarvest } from '../../harvesters/runHarvest';
import { BASE_IRI, createStore, loadValidator, logger, select } from './helpers';

const BRP = 'https://w3id.org/bouwblokken/id/bouwblok/brp';

describe('file harvester', () => {
  it('loads a Turtle directory as records and repairs xsd:datetime', async () => {
    const store = createStore();
    const report = await runHarvest(new FileHarvester('curated', ['test/fixtures/harvest/curated']), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
    expect(report.outcome).to.equal('completed');
    expect((await store.statistics()).sources.curated).to.equal(3);
    const modified = await select(store, `SELECT ?m WHERE { <${BRP}> dct:modified ?m }`);
    expect(modified[0]?.m).to.deep.include({ value: '2026-01-15T10:00:00', datatype: 'http://www.w3.org/2001/XMLSchema#dateTime' });
    expect(report.failures.map((failure) => failure.itemId)).to.deep.equal(['https://example.org/not-a-record']);
    const source = await select(store, `SELECT ?from WHERE { GRAPH <${store.provenanceGraph}> { ?g foaf:primaryTopic <${BRP}> ; prov:wasDerivedFrom ?from } }`);
    expect(source[0]?.from?.value).to.match(/^file:\/\/.*\/test\/fixtures\/harvest\/curated\/blocks\.ttl$/);
  });

  it('keeps the previous records when a file does not parse', async () => {
    const store = createStore();
    const validator = await loadValidator();
    await runHarvest(new FileHarvester('curated', ['test/fixtures/harvest/curated']), { store, validator, logger, baseIri: BASE_IRI });

    const directory = await mkdtemp(path.join(tmpdir(), 'bouwblokken-files-'));
    const broken = path.join(directory, 'broken.ttl');
    await writeFile(broken, '@prefix dct: <http://purl.org/dc/terms/> .\n<https://example.org/a> dct:title "unterminated .\n');
    const report = await runHarvest(new FileHarvester('curated', [broken]), { store, validator, logger, baseIri: BASE_IRI });
    expect(report.outcome).to.equal('failed');
    expect(report.reason).to.contain(`File ${broken} is not valid text/turtle`);
    expect((await store.statistics()).sources.curated).to.equal(3);
  });

  it('reads JSON-LD with an inline context and refuses remote contexts', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'bouwblokken-files-'));
    const inline = path.join(directory, 'inline.jsonld');
    await writeFile(inline, JSON.stringify({
      '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/' },
      '@id': 'https://example.org/api/1', '@type': 'dcat:DataService', 'dct:title': { '@value': 'Voorbeeld', '@language': 'nl' },
    }));
    const store = createStore();
    const report = await runHarvest(new FileHarvester('extra', [inline]), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
    expect(report.counts.read).to.equal(1);

    const remote = path.join(directory, 'remote.jsonld');
    await writeFile(remote, JSON.stringify({ '@context': 'https://example.org/context.jsonld', '@id': 'https://example.org/x' }));
    const refused = await runHarvest(new FileHarvester('extra', [remote]), { store, validator: await loadValidator(), logger, baseIri: BASE_IRI });
    expect(refused.outcome).to.equal('failed');
    expect(refused.reason).to.match(/Remote JSON-LD document https:\/\/example\.org\/context\.jsonld was rejected/);
  });

  it('rejects a record without an IRI with the same reason as validate', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'bouwblokken-files-'));
    const file = path.join(directory, 'blank.ttl');
    await writeFile(file, `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
      @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
      [ a dcat:DataService ; dct:title "Zonder IRI"@nl ; dcat:contactPoint [ vcard:fn "Servicedesk" ] ] .`);
    const report = await runHarvest(new FileHarvester('extra', [file]), { store: createStore(), validator: await loadValidator(), logger, baseIri: BASE_IRI });
    expect(report.failures).to.have.length(1);
    expect(report.failures[0]!.itemId).to.match(/^_:/);
    expect(report.failures[0]!.message).to.deep.equal(recordWithoutIriMessage('http://www.w3.org/ns/dcat#DataService'));
    expect(report.failures[0]!.message.en).to.contain('A record of class dcat:DataService must have an IRI');
    expect(report.counts.rejected).to.equal(1);
  });

  it('rejects a file that is not UTF-8 and keeps the records', async () => {
    const store = createStore();
    const validator = await loadValidator();
    await runHarvest(new FileHarvester('curated', ['test/fixtures/harvest/curated']), { store, validator, logger, baseIri: BASE_IRI });

    const directory = await mkdtemp(path.join(tmpdir(), 'bouwblokken-files-'));
    const latin1 = path.join(directory, 'latin1.ttl');
    await writeFile(latin1, Buffer.concat([
      Buffer.from('@prefix dct: <http://purl.org/dc/terms/> .\n<https://example.org/a> dct:title "Caf'), Buffer.from([0xe9]), Buffer.from('" .\n'),
    ]));
    const report = await runHarvest(new FileHarvester('curated', [latin1]), { store, validator, logger, baseIri: BASE_IRI });
    expect(report.outcome).to.equal('failed');
    expect(report.reason, report.reason).to.contain(`${latin1} is not valid UTF-8: byte 0xE9 at byte offset 81 (line 2)`);
    expect((await store.statistics()).sources.curated).to.equal(3);
  });
});
