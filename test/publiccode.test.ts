import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'yaml';

// Rules of the publiccode.yml standard (version 0.4) that a description must meet.
const REQUIRED_KEYS = ['publiccodeYmlVersion', 'name', 'url', 'platforms', 'developmentStatus', 'softwareType', 'description', 'legal', 'maintenance', 'localisation'];
const DEVELOPMENT_STATUSES = ['concept', 'development', 'beta', 'stable', 'obsolete'];
const SOFTWARE_TYPES = ['standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend', 'standalone/other', 'addon', 'library', 'configurationFiles'];
const MAINTENANCE_TYPES = ['internal', 'contract', 'community', 'none'];

interface PublicCode {
  developmentStatus: string;
  softwareType: string;
  maintenance: { type: string };
  legal: { license: string };
  description: Record<string, { shortDescription: string; longDescription: string }>;
}

describe('publiccode.yml', () => {
  const document = parse(readFileSync('publiccode.yml', 'utf8')) as PublicCode;

  it('has every key the standard requires', () => {
    for (const key of REQUIRED_KEYS) expect(document, key).to.have.property(key);
  });

  it('uses values from the standard lists', () => {
    expect(DEVELOPMENT_STATUSES).to.include(document.developmentStatus);
    expect(SOFTWARE_TYPES).to.include(document.softwareType);
    expect(MAINTENANCE_TYPES).to.include(document.maintenance.type);
  });

  it('describes the project in Dutch and English within length limits', () => {
    for (const language of ['nl', 'en']) {
      const description = document.description[language]!;
      expect(description.shortDescription.length, `${language} shortDescription`).to.be.at.most(150);
      expect(description.longDescription.length, `${language} longDescription`).to.be.within(500, 10_000);
    }
  });

  it('declares the project licence as GPL-3.0-or-later', () => {
    expect(document.legal.license).to.equal('GPL-3.0-or-later');
    expect(readFileSync('LICENSE', 'utf8')).to.contain('GNU GENERAL PUBLIC LICENSE');
    const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { license: string };
    expect(packageJson.license).to.equal('GPL-3.0-or-later');
  });
});
