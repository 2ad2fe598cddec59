import { expect } from 'chai';
import { ParseError } from '../../core/errors';
import { decodeUtf8, firstInvalidUtf8Offset } from '../../core/utf8';

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 and drops a byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('café 🧱\n', 'utf8')]);
    expect(decodeUtf8(bytes, 'a.ttl')).to.equal('café 🧱\n');
  });

  it('rejects a Latin-1 byte with file, offset and line', () => {
    const bytes = Buffer.concat([Buffer.from('regel een\nregel twee caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    let caught: unknown;
    try {
      decodeUtf8(bytes, 'data/records.ttl');
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(ParseError);
    expect((caught as ParseError).message).to.equal(
      'data/records.ttl is not valid UTF-8: byte 0xE9 at byte offset 24 (line 2); save the file as UTF-8',
    );
    expect((caught as ParseError).location).to.deep.equal({ resource: 'data/records.ttl', line: 2 });
  });

  it('rejects a sequence cut off at the end', () => {
    expect(() => decodeUtf8(Buffer.from([0x61, 0xe2, 0x82]), 'stdin')).to.throw(ParseError, 'stdin is not valid UTF-8: byte 0xE2 at byte offset 1 (line 1)');
  });
});

describe('firstInvalidUtf8Offset', () => {
  const cases: Array<[string, number[], number]> = [
    ['valid text', [0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0xa7, 0xb1], 10],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an overlong two-byte form', [0xc0, 0xaf], 0],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['a surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a missing continuation byte', [0xe2, 0x28, 0xa1], 0],
    ['a sequence cut off at the end', [0x61, 0xf0, 0x9f, 0xa7], 1],
  ];
  for (const [name, bytes, offset] of cases) {
    it(`finds ${name}`, () => {
      expect(firstInvalidUtf8Offset(Uint8Array.from(bytes))).to.equal(offset);
    });
  }

  it('agrees with the fatal decoder on every two-byte input', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let first = 0x80; first <= 0xff; first++) {
      for (let second = 0; second <= 0xff; second += 7) {
        const bytes = Uint8Array.from([first, second]);
        let valid = true;
        try {
          decoder.decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8Offset(bytes) === bytes.length, `${first} ${second}`).to.equal(valid);
      }
    }
  });
});
