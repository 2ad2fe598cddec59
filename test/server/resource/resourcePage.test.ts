import { expect } from 'chai';
import { DataFactory } from 'n3';
import { renderResourcePage } from '../../../server/resource/resourcePage';
import { DCAT, DCT, FOAF } from '../../../vocab/namespaces';

const { namedNode, literal, quad } = DataFactory;
const IRI = 'https://example.org/id/api/een';

function pageWith(links: readonly string[]): string {
  const subject = namedNode(IRI);
  return renderResourcePage({
    iri: IRI,
    quads: [
      quad(subject, DCT.title, literal('Een API', 'nl')),
      ...links.map((link) => quad(subject, FOAF.page, namedNode(link))),
    ],
    labels: new Map(),
    sources: [],
    alternates: [],
    localHref: (target) => `/resource?iri=${encodeURIComponent(target)}`,
  });
}

describe('resource page', () => {
  it('links http, https and mailto IRIs', () => {
    const page = pageWith(['http://example.org/a', 'https://example.org/b', 'mailto:servicedesk@example.org']);
    expect(page).to.contain('<a href="http://example.org/a">');
    expect(page).to.contain('<a href="https://example.org/b">');
    expect(page).to.contain('<a href="mailto:servicedesk@example.org">');
  });

  it('shows other schemes as text, not links', () => {
    const page = pageWith(['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'JaVaScRiPt:alert(2)']);
    expect(page).not.to.match(/href="(?:javascript|data):/i);
    expect(page).to.contain('<code>javascript:alert(document.domain)</code>');
    expect(page).to.contain('<code>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</code>');
    expect(page).to.contain('<code>JaVaScRiPt:alert(2)</code>');
    expect(page).not.to.contain('<script>');
  });

  it('keeps a labelled resource as a local link', () => {
    const subject = namedNode(IRI);
    const target = 'https://example.org/id/api/twee';
    const page = renderResourcePage({
      iri: IRI,
      quads: [quad(subject, DCAT.servesDataset, namedNode(target))],
      labels: new Map([[target, 'Twee']]),
      sources: [],
      alternates: [],
      localHref: (iri) => `/resource?iri=${encodeURIComponent(iri)}`,
    });
    expect(page).to.contain(`<a href="/resource?iri=${encodeURIComponent(target)}">Twee</a>`);
  });
});
