import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../core/config';
import { BadInputError } from '../../core/errors';

function writeConfig(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bb-config-')), 'config.yaml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('applies defaults when no file exists', () => {
    const config = loadConfig({ file: '/nonexistent/bouwblokken.yaml', env: {} });
    expect(config.port).to.equal(8080);
    expect(config.baseIri).to.equal('http://127.0.0.1:8080/');
    expect(config.baseIriIsDefault).to.equal(true);
    expect(config.query.timeoutMs).to.equal(10_000);
    expect(config.sources).to.deep.equal({});
  });

  it('lets environment variables override the file', () => {
    const file = writeConfig('port: 9000\nbaseIri: "https://example.org/"\n');
    const config = loadConfig({ file, env: { BOUWBLOKKEN_PORT: '9100', BOUWBLOKKEN_DATA_DIR: '/tmp/bb' } });
    expect(config.port).to.equal(9100);
    expect(config.baseIri).to.equal('https://example.org/');
    expect(config.dataDir).to.equal('/tmp/bb');
  });

  it('sets a source base URL and API key from the environment', () => {
    const file = writeConfig('sources:\n  dev-apis:\n    kind: developer-overheid-api-register\n    baseUrl: "https://api.developer.overheid.nl/api-register/v1"\n');
    const config = loadConfig({
      file,
      env: { BOUWBLOKKEN_SOURCE_DEV_APIS_BASE_URL: 'http://127.0.0.1:9999/v1', DEVELOPER_OVERHEID_API_KEY: 'secret' },
    });
    expect(config.sources['dev-apis']?.baseUrl).to.equal('http://127.0.0.1:9999/v1');
    expect(config.sources['dev-apis']?.apiKey).to.equal('secret');
    expect(config.sources['dev-apis']?.maxRetries).to.equal(4);
  });

  it('derives the default base IRI from host and port', () => {
    expect(loadConfig({ file: '/nonexistent.yaml', env: { BOUWBLOKKEN_PORT: '9200' } }).baseIri).to.equal('http://127.0.0.1:9200/');
    expect(loadConfig({ file: '/nonexistent.yaml', env: {}, port: 9300 }).baseIri).to.equal('http://127.0.0.1:9300/');
    expect(loadConfig({ file: '/nonexistent.yaml', env: { BOUWBLOKKEN_HOST: '0.0.0.0' }, port: 0 }).baseIri).to.equal('http://127.0.0.1:8080/');
    expect(loadConfig({ file: '/nonexistent.yaml', env: { BOUWBLOKKEN_HOST: '::1' } }).baseIri).to.equal('http://[::1]:8080/');
  });

  it('keeps a configured base IRI whatever the port', () => {
    const config = loadConfig({ file: '/nonexistent.yaml', env: { BOUWBLOKKEN_BASE_IRI: 'https://bouwblokken.example.org/' }, port: 9300 });
    expect(config.baseIri).to.equal('https://bouwblokken.example.org/');
    expect(config.baseIriIsDefault).to.equal(false);
  });

  it('names every offending key', () => {
    const file = writeConfig('port: "eighty"\nbaseIri: "https://example.org/no-slash"\nsources:\n  x:\n    kind: ftp\n');
    expect(() => loadConfig({ file, env: {} })).to.throw(BadInputError)
      .with.property('message')
      .that.matches(/port: .*number/)
      .and.matches(/baseIri: must end with "\/"/)
      .and.matches(/sources\.x\.kind/);
  });

  it('rejects an unknown key', () => {
    const file = writeConfig('prot: 8080\n');
    expect(() => loadConfig({ file, env: {} })).to.throw(BadInputError, /prot/);
  });

  it('rejects an environment variable for an unconfigured source', () => {
    expect(() => loadConfig({ file: '/nonexistent.yaml', env: { BOUWBLOKKEN_SOURCE_NOPE_BASE_URL: 'http://127.0.0.1/' } }))
      .to.throw(BadInputError, /source "nope", which is not configured/);
  });

  it('rejects a configuration file that is not a mapping', () => {
    const file = writeConfig('- a\n- b\n');
    expect(() => loadConfig({ file, env: {} })).to.throw(BadInputError, /must contain a mapping/);
  });

  it('fails when a named configuration file is missing', () => {
    expect(() => loadConfig({ file: '/nonexistent.yaml', env: { BOUWBLOKKEN_CONFIG: '/nonexistent.yaml' } }))
      .to.throw(BadInputError, /was not found/);
  });
});
