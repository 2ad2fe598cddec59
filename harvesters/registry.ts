/**
 * Creates the harvester for a configured source from its kind. This is where the source kinds of
 * `core/config.ts` meet their implementations.
 */
import type { SourceConfig } from '../core/config';
import { BadInputError } from '../core/errors';
import type { Harvester } from './Harvester';
import { CkanHarvester, checkCkanConfig } from './dataOverheid/ckan';
import { ApiRegisterHarvester } from './developerOverheid/apiRegister';
import { LegacyRegisterHarvester } from './developerOverheid/legacyRegister';
import { OssRegisterHarvester } from './developerOverheid/ossRegister';
import type { HttpTuning } from './developerOverheid/registerClient';

/** What harvesters may get besides their configuration. */
export interface HarvesterDependencies {
  /** Backoff and concurrency settings; tests and benchmarks make them small. */
  readonly tuning?: HttpTuning;
}

/**
 * Creates the harvester of source `name`.
 * @throws BadInputError for a kind that has no harvester yet (`dcat`, `ldes`, `sparql`, `bouwblokken`), or a
 *   configuration the harvester cannot work with (a legacy source without `directory`, a page size too large).
 */
export function createHarvester(name: string, config: SourceConfig, dependencies: HarvesterDependencies = {}): Harvester {
  const tuning = dependencies.tuning ?? {};
  switch (config.kind) {
    case 'developer-overheid-api-register':
      return new ApiRegisterHarvester(name, config, tuning);
    case 'developer-overheid-oss-register':
      return new OssRegisterHarvester(name, config, tuning);
    case 'developer-overheid-legacy':
      return new LegacyRegisterHarvester(name, config);
    case 'data-overheid-ckan':
      checkCkanConfig(name, config);
      return new CkanHarvester(name, config, tuning);
    case 'dcat':
    case 'ldes':
    case 'sparql':
    case 'bouwblokken':
      throw new BadInputError(
        `Source "${name}" has kind "${config.kind}", which is not supported yet; the supported kinds are developer-overheid-api-register, developer-overheid-oss-register, developer-overheid-legacy and data-overheid-ckan`,
      );
  }
}
