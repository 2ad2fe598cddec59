/**
 * The SPARQL 1.1 Protocol endpoint (`/sparql`), its service description, the example queries
 * (`/sparql/examples`) and the VoID description (`/.well-known/void`).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Quad } from '@rdfjs/types';
import { LimitExceededError, NotFoundError } from '../../core/errors';
import type { GraphFormat, QueryResult, ResultsFormat } from '../../store/CatalogueStore';
import type { AppContext } from '../context';
import { chooseRepresentation, type Offer } from '../conneg';
import { escapeHtml, renderPage } from '../resource/html';
import { GRAPH_OFFERS, nTriplesToJsonLd, serialiseGraph, type GraphFormatName } from '../resource/rdfFormats';
import { classifyQuery } from './classifyQuery';
import { loadExampleQueries, type ExampleQuery } from './exampleQueries';
import { readProtocolRequest } from './protocolRequest';
import type { QueryGate } from './QueryGate';
import { offersFor } from './resultFormats';
import { buildServiceDescription } from './serviceDescription';
import { buildVoidDescription } from './voidDescription';

/** Largest accepted request body (a form or a query), as understood by body-parser. */
const MAX_BODY = '256kb';

/** Seconds a client is asked to wait before retrying when the endpoint is busy. */
const RETRY_AFTER_SECONDS = 2;

/** Offers for descriptions (service description, VoID): the graph formats and a page for browsers. */
const DESCRIPTION_OFFERS: readonly Offer<GraphFormatName | 'html'>[] = [
  ...GRAPH_OFFERS,
  { name: 'html', mediaType: 'text/html', aliases: ['application/xhtml+xml'] },
];

/**
 * Creates the router of the SPARQL endpoint.
 * @param gate admission control shared with the other routes that query the store.
 * @param examples the example queries; read from `queries/` when absent.
 */
export function sparqlRouter(context: AppContext, gate: QueryGate, examples: readonly ExampleQuery[] = loadExampleQueries()): Router {
  const router = Router();
  const { config, store } = context;
  const logger = context.logger.child({ component: 'sparql' });
  const examplesById = new Map(examples.map((example) => [example.id, example]));

  // VoID counts are measured once per state of the store.
  let voidCache: Promise<Quad[]> | undefined;
  store.onChange(() => {
    voidCache = undefined;
  });

  const parseBody = [
    express.urlencoded({ extended: false, limit: MAX_BODY }),
    express.text({ type: ['application/sparql-query', 'application/sparql-update'], limit: MAX_BODY }),
  ];

  router.options('/sparql', (_request, response) => {
    response.set({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Accept, Content-Type',
      'Access-Control-Max-Age': '86400',
    }).status(204).end();
  });

  const handleQuery = async (request: Request, response: Response, next: NextFunction) => {
    response.set('Access-Control-Allow-Origin', '*');
    response.vary('Accept');
    try {
      const protocol = readProtocolRequest(request);
      if (protocol.query === undefined) {
        const description = buildServiceDescription(config.baseIri);
        await sendDescription(request, response, description, 'SPARQL-endpoint', () => renderEndpointPage(examples));
        return;
      }

      // Check the query, then pick the representation of its results.
      const classified = classifyQuery(protocol.query, { partners: config.partners, maxResults: config.query.maxResults });
      const offer = chooseRepresentation(request, offersFor(classified.form));
      const graphFormat = graphFormatOf(offer.name);
      logger.debug({ form: classified.form, format: offer.name, query: protocol.query }, 'sparql query');

      // The dataset: the protocol's graph parameters override the query's FROM clauses (SPARQL 1.1 Protocol,
      // section 2.1.4). Either one without default graphs leaves the default graph empty, not the union.
      const declared = protocol.defaultGraphs || protocol.namedGraphs
        ? { defaultGraphs: protocol.defaultGraphs ?? [], namedGraphs: protocol.namedGraphs }
        : classified.dataset;
      const result = await gate.run(() => store.query({
        query: classified.text,
        defaultGraphs: declared?.defaultGraphs,
        namedGraphs: declared?.namedGraphs,
        timeoutMs: config.query.timeoutMs,
        maxResults: config.query.maxResults,
        ...(classified.form === 'SELECT' || classified.form === 'ASK'
          ? { resultsFormat: offer.name as ResultsFormat }
          : graphFormat ? { graphFormat } : {}),
      }));
      response.type(`${offer.mediaType}; charset=utf-8`).send(await resultBody(result));
    } catch (error) {
      if (error instanceof LimitExceededError && error.status === 503) response.set('Retry-After', String(RETRY_AFTER_SECONDS));
      next(error);
    }
  };
  router.get('/sparql', handleQuery);
  router.post('/sparql', ...parseBody, handleQuery);

  router.get('/sparql/examples', (_request, response) => {
    response.json({
      examples: examples.map((example) => ({
        id: example.id,
        title: example.title,
        description: example.description,
        query: example.query,
        source: `${config.baseIri}sparql/examples/${example.id}`,
        run: `${config.baseIri}sparql?query=${encodeURIComponent(example.query)}`,
      })),
    });
  });

  router.get('/sparql/examples/:id', (request, response, next) => {
    const example = examplesById.get(String(request.params.id).replace(/\.rq$/, ''));
    if (!example) {
      next(new NotFoundError(`No example query "${request.params.id}"; GET /sparql/examples lists them`));
      return;
    }
    response.type('application/sparql-query; charset=utf-8').send(example.query);
  });

  router.get('/.well-known/void', async (request, response, next) => {
    response.vary('Accept');
    try {
      voidCache ??= buildVoidDescription(store, config.baseIri, (query) => gate.run(() => store.query({ query, timeoutMs: config.query.timeoutMs })));
      const quads = await voidCache.catch((error: unknown) => {
        voidCache = undefined;
        throw error;
      });
      await sendDescription(request, response, quads, 'VoID-beschrijving / VoID description', () => undefined);
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/**
 * Sends a description in the negotiated graph format, or as a page when the client asks for HTML and
 * `renderHtml` returns one (otherwise as Turtle in a `<pre>`).
 */
async function sendDescription(request: Request, response: Response, quads: Quad[], title: string, renderHtml: () => string | undefined): Promise<void> {
  const offer = chooseRepresentation(request, DESCRIPTION_OFFERS);
  if (offer.name === 'html') {
    const page = renderHtml() ?? renderPage(title, `<h1>${escapeHtml(title)}</h1>\n<pre>${escapeHtml(await serialiseGraph(quads, 'turtle'))}</pre>`);
    response.type('text/html; charset=utf-8').send(page);
    return;
  }
  response.type(`${offer.mediaType}; charset=utf-8`).send(await serialiseGraph(quads, offer.name));
}

/** Maps a negotiated graph format to the store's format; JSON-LD is made here from N-Triples. */
function graphFormatOf(name: string): GraphFormat | undefined {
  if (name === 'turtle' || name === 'n-triples' || name === 'rdf-xml') return name;
  return undefined;
}

/** Returns the response body of a store result. */
async function resultBody(result: QueryResult): Promise<string> {
  switch (result.type) {
    case 'serialised':
      return result.body;
    case 'quads':
      return JSON.stringify(await nTriplesToJsonLd(result.ntriples), null, 2);
    case 'boolean':
      return JSON.stringify({ head: {}, boolean: result.value });
    case 'bindings':
      return JSON.stringify({ head: { vars: result.variables }, results: { bindings: result.bindings } });
  }
}

/** Renders the page for people who open the endpoint in a browser: a query form and the example queries. */
function renderEndpointPage(examples: readonly ExampleQuery[]): string {
  const items = examples.map((example) => `<li><a href="sparql?query=${encodeURIComponent(example.query)}">${escapeHtml(example.title.nl)}</a>`
    + ` <span class="en">/ ${escapeHtml(example.title.en)}</span><br>${escapeHtml(example.description.nl)}</li>`).join('\n');
  return renderPage('SPARQL-endpoint', `<h1>SPARQL-endpoint <span class="en">/ SPARQL endpoint</span></h1>
<p>Stel een SPARQL 1.1-query over de hele catalogus. <span class="en">Ask a SPARQL 1.1 query over the whole catalogue.</span></p>
<form method="get" action="sparql">
<textarea name="query" aria-label="SPARQL-query">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10</textarea>
<p><label>Formaat <span class="en">/ format</span>: <select name="format">
<option value="json">SPARQL JSON</option><option value="xml">SPARQL XML</option><option value="csv">CSV</option><option value="tsv">TSV</option>
</select></label> <button type="submit">Uitvoeren <span class="en">/ Run</span></button></p>
</form>
<h2>Voorbeelden <span class="en">/ Examples</span></h2>
<ul>
${items}
</ul>
<p><a href="sparql/examples">Voorbeelden als JSON <span class="en">/ examples as JSON</span></a> ·
<a href=".well-known/void">VoID</a></p>`);
}
