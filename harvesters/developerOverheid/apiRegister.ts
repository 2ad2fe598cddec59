/**
 * Harvester of the developer.overheid.nl API register (API register API v1): every API of `GET /apis` with
 * its detail from `GET /apis/{id}`, and every organisation of `GET /organisations`.
 */
import type { SourceConfig } from '../../core/config';
import { describeError } from '../../core/errors';
import type { HarvestContext, HarvestedRecord, Harvester, HarvestSnapshot, ItemFailure } from '../Harvester';
import { mapConcurrently } from '../concurrency';
import { mapApi, mapOrganisation, type ApiDetail } from './apiRegisterMapping';
import { createRegisterClient, isItemFailure, MAX_PER_PAGE, readCollection, resolveUnder, type HttpTuning } from './registerClient';

/** Production base URL of the API register. */
export const API_REGISTER_URL = 'https://api.developer.overheid.nl/api-register/v1';
/** Web page of an API in the register, by id. */
const REGISTER_PAGE = 'https://apis.developer.overheid.nl/apis/';

/** Reads the API register. */
export class ApiRegisterHarvester implements Harvester {
  readonly kind = 'developer-overheid-api-register';
  readonly location: string;
  readonly runTimeoutMs: number;

  constructor(readonly source: string, private readonly config: SourceConfig, private readonly tuning: HttpTuning = {}) {
    this.location = config.baseUrl ?? API_REGISTER_URL;
    this.runTimeoutMs = config.runTimeoutMs;
  }

  async harvest(context: HarvestContext): Promise<HarvestSnapshot> {
    const http = createRegisterClient(this.source, this.config, context, this.tuning);
    const perPage = Math.min(this.config.pageSize ?? MAX_PER_PAGE, MAX_PER_PAGE);

    // List every API.
    const list = await readCollection<ApiDetail>(http, resolveUnder(this.location, `apis?page=1&perPage=${perPage}`), {
      maxPages: this.config.maxPages, context,
    });

    // Read each API's detail; a detail that is gone or broken fails only that API.
    const failures: ItemFailure[] = [];
    const apis = await mapConcurrently(list.items, this.tuning.detailConcurrency ?? 4, async (summary) => {
      const id = String(summary.id ?? '');
      const url = resolveUnder(this.location, `apis/${encodeURIComponent(id)}`);
      try {
        const { json } = await http.getJson(url);
        return { url, id, detail: json as ApiDetail };
      } catch (error) {
        if (!isItemFailure(error)) throw error;
        failures.push({
          sourceUrl: url, itemId: id,
          message: {
            nl: `De details van API ${id} konden niet worden gelezen: ${describeError(error)}`,
            en: `The detail of API ${id} could not be read: ${describeError(error)}`,
          },
        });
        return undefined;
      }
    });

    // Map the APIs and the organisations.
    const records: HarvestedRecord[] = [];
    for (const api of apis) {
      if (!api) continue;
      records.push(mapApi(api.detail, { baseIri: context.baseIri, sourceUrl: api.url, registerPage: `${REGISTER_PAGE}${encodeURIComponent(api.id)}` }));
    }
    const organisationsUrl = resolveUnder(this.location, 'organisations');
    const { json: organisations } = await http.getJson(organisationsUrl);
    let organisationCount = 0;
    // `https://www.vng.nl` and `https://vng.nl` are one organisation after normalisation; keep the first.
    const organisationIris = new Set<string>();
    if (Array.isArray(organisations)) {
      for (const organisation of organisations as Array<{ uri?: string; label?: string }>) {
        organisationCount++;
        const record = mapOrganisation(organisation, organisationsUrl);
        if (record && !organisationIris.has(record.iri)) {
          organisationIris.add(record.iri);
          records.push(record);
        } else if (!record) {
          failures.push({
            sourceUrl: organisationsUrl, itemId: String(organisation.uri ?? ''),
            message: {
              nl: `De organisatie "${organisation.label ?? ''}" heeft geen bruikbare URI ("${organisation.uri ?? ''}").`,
              en: `Organisation "${organisation.label ?? ''}" has no usable URI ("${organisation.uri ?? ''}").`,
            },
          });
        }
      }
    }

    return { records, failures, itemsRead: list.items.length + organisationCount, pages: list.pages + 1 };
  }
}
