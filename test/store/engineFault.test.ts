import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { EmbeddedStore } from '../../store/EmbeddedStore';

describe('EmbeddedStore engine faults', function () {
  this.timeout(60_000);

  it('replaces a worker whose query engine trapped', async () => {
    const store = await EmbeddedStore.open({ baseIri: 'http://127.0.0.1:8080/', dataDir: mkdtempSync(path.join(tmpdir(), 'bb-trap-')), workers: 1 });
    try {
      // Nesting this deep makes oxigraph 0.5 (WebAssembly) run out of stack and trap.
      const deep = `ASK { ${'{ '.repeat(700)}?s ?p ?o${' }'.repeat(700)} }`;
      const failure = await store.query({ query: deep }).then(() => undefined, (error: Error) => error);
      expect(failure?.name).to.equal('BadInputError');
      expect(failure?.message).to.match(/nested too deeply/);

      const answer = await store.query({ query: 'ASK { }' });
      expect(answer).to.deep.equal({ type: 'boolean', value: true });
      expect(store.warnings.map((warning) => warning.message).join('\n')).to.match(/query engine trapped/);
    } finally {
      await store.close();
    }
  });
});
