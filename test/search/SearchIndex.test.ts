import { expect } from 'chai';
import { SearchIndex } from '../../search/SearchIndex';
import type { RecordSummary } from '../../search/recordSummaries';
import { analyse } from '../../search/textAnalysis';

const KIND = 'https://w3id.org/bouwblokken/id/kind/';
const ORGANISATION = 'https://identifier.overheid.nl/tooi/id/oorg/';

function summary(iri: string, fields: Partial<RecordSummary>): RecordSummary {
  return {
    iri, type: 'building-block', id: iri.split('/').at(-1)!, titles: [], descriptions: [], keywords: [], applications: [],
    identifiers: [], kinds: [], domains: [], statuses: [], themes: [], organisations: [], harvestedAt: '2026-01-01T00:00:00Z',
    provenance: [], ...fields,
  };
}

const records = [
  summary('https://ex.org/digid', {
    titles: [{ value: 'DigiD', language: 'nl' }],
    descriptions: [{ value: 'Inloggen met een persoonlijke inlogcode.', language: 'nl' }, { value: 'Log in to government services.', language: 'en' }],
    kinds: [`${KIND}voorziening`], organisations: [`${ORGANISATION}oorg10117`], modified: '2026-02-01',
  }),
  summary('https://ex.org/brp', {
    titles: [{ value: 'Basisregistratie Personen', language: 'nl' }, { value: 'Personal Records Database', language: 'en' }],
    descriptions: [{ value: 'Registraties van inwoners met hun gegevens.', language: 'nl' }],
    kinds: [`${KIND}basisregistratie`], organisations: [`${ORGANISATION}oorg10103`], modified: '2026-03-01',
  }),
  summary('https://ex.org/financien', {
    type: 'dataset',
    titles: [{ value: 'Financiële overzichten' }],
    keywords: [{ value: 'begroting', language: 'nl' }],
    kinds: [`${KIND}basisregistratie`], organisations: [`${ORGANISATION}oorg10103`],
  }),
  summary('https://ex.org/eherkenning', {
    titles: [{ value: 'eHerkenning', language: 'nl' }],
    descriptions: [{ value: 'Companies log in to government services with e-Herkenning.', language: 'en' }],
    kinds: [`${KIND}voorziening`],
  }),
];

describe('SearchIndex', () => {
  let index: SearchIndex;
  before(async () => {
    index = await SearchIndex.build(records);
  });

  async function iris(q: string, extra: Partial<Parameters<SearchIndex['search']>[0]> = {}) {
    const result = await index.search({ q, offset: 0, limit: 10, ...extra });
    return result.hits.map((hit) => hit.record.iri);
  }

  it('finds DigiD by digid in lower case', async () => {
    expect(await iris('digid')).to.deep.equal(['https://ex.org/digid']);
  });

  it('ignores diacritics in text and query', async () => {
    expect(await iris('financiele')).to.deep.equal(['https://ex.org/financien']);
    expect(await iris('FINANCIËLE')).to.deep.equal(['https://ex.org/financien']);
  });

  it('matches Dutch word forms by their stem', async () => {
    expect(analyse('inwoners', 'nl')).to.deep.equal(analyse('inwoner', 'nl'));
    expect(await iris('inwoner')).to.deep.equal(['https://ex.org/brp']);
    expect(await iris('persoon')).to.include('https://ex.org/brp');
  });

  it('matches English word forms by their stem', async () => {
    expect(await iris('service')).to.have.members(['https://ex.org/digid', 'https://ex.org/eherkenning']);
    expect(await iris('records')).to.deep.equal(['https://ex.org/brp']);
  });

  it('finds a hyphenated word written as one', async () => {
    expect(await iris('herkenning')).to.deep.equal(['https://ex.org/eherkenning']);
  });

  it('requires every query word', async () => {
    expect(await iris('personen basisregistratie')).to.deep.equal(['https://ex.org/brp']);
    expect(await iris('personen digid')).to.deep.equal([]);
  });

  it('ranks a title match above a description match', async () => {
    const result = await index.search({ q: 'inloggen', offset: 0, limit: 10 });
    expect(result.hits.map((hit) => hit.record.iri)).to.deep.equal(['https://ex.org/digid']);
    const login = await index.search({ q: 'log', offset: 0, limit: 10 });
    expect(login.hits.length).to.equal(2);
    expect(login.hits.every((hit) => typeof hit.score === 'number' && hit.score > 0)).to.equal(true);
  });

  it('counts facet values over the matching records', async () => {
    const result = await index.search({ offset: 0, limit: 10 });
    expect(result.total).to.equal(4);
    expect(result.facets.kind).to.deep.equal([
      { value: `${KIND}basisregistratie`, count: 2 },
      { value: `${KIND}voorziening`, count: 2 },
    ]);
    expect(result.facets.type).to.deep.equal([{ value: 'building-block', count: 3 }, { value: 'dataset', count: 1 }]);
  });

  it('filters with any value of a facet and all facets', async () => {
    const anyKind = await index.search({ filters: { kind: [`${KIND}basisregistratie`, `${KIND}voorziening`] }, offset: 0, limit: 10 });
    expect(anyKind.total).to.equal(4);
    const both = await index.search({ filters: { kind: [`${KIND}basisregistratie`], type: ['dataset'] }, offset: 0, limit: 10 });
    expect(both.hits.map((hit) => hit.record.iri)).to.deep.equal(['https://ex.org/financien']);
  });

  it('counts a filtered facet as if unfiltered', async () => {
    const result = await index.search({ filters: { kind: [`${KIND}voorziening`] }, offset: 0, limit: 10 });
    expect(result.total).to.equal(2);
    expect(result.facets.kind.map((count) => count.value)).to.have.members([`${KIND}voorziening`, `${KIND}basisregistratie`]);
    expect(result.facets.organisation).to.deep.equal([{ value: `${ORGANISATION}oorg10117`, count: 1 }]);
  });

  it('sorts by title, modified date and their reverse', async () => {
    expect(await iris('', { sort: 'title' })).to.deep.equal(['https://ex.org/brp', 'https://ex.org/digid', 'https://ex.org/eherkenning', 'https://ex.org/financien']);
    expect(await iris('', { sort: '-title' })).to.deep.equal(['https://ex.org/financien', 'https://ex.org/eherkenning', 'https://ex.org/digid', 'https://ex.org/brp']);
    expect((await iris('', { sort: '-modified' })).slice(0, 2)).to.deep.equal(['https://ex.org/brp', 'https://ex.org/digid']);
  });

  it('pages through the results', async () => {
    const first = await index.search({ sort: 'title', offset: 0, limit: 3 });
    const second = await index.search({ sort: 'title', offset: 3, limit: 3 });
    expect(first.total).to.equal(4);
    expect(first.hits).to.have.length(3);
    expect(second.hits.map((hit) => hit.record.iri)).to.deep.equal(['https://ex.org/financien']);
  });
});
