import { expect } from 'chai';
import { decodeChange, decodeLog, encodeChange, encodeFrame, LOG_HEADER } from '../../store/logFrames';

function logOf(...payloads: string[]): Buffer {
  return Buffer.concat([LOG_HEADER, ...payloads.map((payload) => encodeFrame(Buffer.from(payload)))]);
}

describe('logFrames', () => {
  it('decodes every frame of an intact log', () => {
    const decoded = decodeLog(logOf('first', 'second'));
    expect(decoded.payloads.map((payload) => payload.toString())).to.deep.equal(['first', 'second']);
    expect(decoded.damage).to.equal(undefined);
  });

  it('stops at a frame cut short', () => {
    const intact = logOf('first');
    const torn = Buffer.concat([intact, encodeFrame(Buffer.from('second')).subarray(0, 11)]);
    const decoded = decodeLog(torn);
    expect(decoded.payloads).to.have.length(1);
    expect(decoded.intactLength).to.equal(intact.length);
    expect(decoded.damage).to.match(/declares 6 bytes but 3 follow/);
  });

  it('stops at a frame with a wrong checksum', () => {
    const bytes = logOf('first', 'second');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    const decoded = decodeLog(bytes);
    expect(decoded.payloads).to.have.length(1);
    expect(decoded.damage).to.match(/wrong checksum/);
  });

  it('stops at a frame header cut short', () => {
    const decoded = decodeLog(Buffer.concat([logOf('first'), Buffer.from([1, 0, 0])]));
    expect(decoded.payloads).to.have.length(1);
    expect(decoded.damage).to.match(/only 3 of its 8 header bytes/);
  });

  it('rejects a file without the log header', () => {
    expect(() => decodeLog(Buffer.from('something else entirely'))).to.throw(RangeError, /change log header/);
  });

  it('round-trips a change', () => {
    const change = { dropGraphs: ['http://ex/g'], dropProvenanceSubjects: ['http://ex/g'], nquads: '<http://ex/s> <http://ex/p> "ü" <http://ex/g> .\n' };
    expect(decodeChange(encodeChange(change))).to.deep.equal(change);
  });
});
