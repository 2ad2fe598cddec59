import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../core/config';
import { ConflictError } from '../../core/errors';
import { portOption, resolveInstanceBaseIri } from '../../cli/runtime';

function configWith(env: NodeJS.ProcessEnv) {
  return loadConfig({ file: '/nonexistent.yaml', env });
}

describe('resolveInstanceBaseIri', () => {
  it('records the base IRI of a new data directory', () => {
    const directory = path.join(mkdtempSync(path.join(tmpdir(), 'bb-instance-')), 'store');
    const config = resolveInstanceBaseIri(configWith({ BOUWBLOKKEN_PORT: '9400' }), directory, 'write');
    expect(config.baseIri).to.equal('http://127.0.0.1:9400/');
    expect(JSON.parse(readFileSync(path.join(directory, 'instance.json'), 'utf8'))).to.deep.equal({ baseIri: 'http://127.0.0.1:9400/' });
  });

  it('keeps the stored base IRI when another port derives another default', () => {
    const directory = path.join(mkdtempSync(path.join(tmpdir(), 'bb-instance-')), 'store');
    resolveInstanceBaseIri(configWith({ BOUWBLOKKEN_PORT: '9400' }), directory, 'write');
    const config = resolveInstanceBaseIri(configWith({ BOUWBLOKKEN_PORT: '9500' }), directory, 'read');
    expect(config.baseIri).to.equal('http://127.0.0.1:9400/');
  });

  it('rejects a configured base IRI that differs from the stored one', () => {
    const directory = path.join(mkdtempSync(path.join(tmpdir(), 'bb-instance-')), 'store');
    resolveInstanceBaseIri(configWith({}), directory, 'write');
    expect(() => resolveInstanceBaseIri(configWith({ BOUWBLOKKEN_BASE_IRI: 'https://example.org/' }), directory, 'write'))
      .to.throw(ConflictError, 'contains data stored under base IRI http://127.0.0.1:8080/, but baseIri is configured as https://example.org/');
  });
});

describe('portOption', () => {
  it('accepts port numbers', () => {
    expect(portOption('0')).to.equal(0);
    expect(portOption('8080')).to.equal(8080);
    expect(portOption(undefined)).to.equal(undefined);
  });

  it('rejects anything else', () => {
    for (const value of ['abc', '99999', '-1', '80.5', '']) {
      expect(() => portOption(value), value).to.throw(/Option --port must be a port number/);
    }
  });
});
