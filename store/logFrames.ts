/**
 * The frame format of the change log. A log file starts with an 8-byte header, and each entry follows as a
 * frame: payload length (uint32, little-endian), CRC-32 of the payload (uint32, little-endian), payload.
 * The checksum lets recovery tell a complete frame from one that a crash cut short or left as garbage.
 */
import { crc32 } from 'node:zlib';
import type { ReplicaChange } from './OxigraphReplica';

/** Bytes at the start of every change log file: a format name and version. */
export const LOG_HEADER = Buffer.from('BBLOG01\n', 'latin1');

const FRAME_HEADER_BYTES = 8;

/** Largest payload a frame may carry (1 GiB); a larger length field means the frame is damaged. */
export const MAX_FRAME_BYTES = 1 << 30;

/** Wraps a payload in a frame. */
export function encodeFrame(payload: Buffer): Buffer {
  if (payload.length > MAX_FRAME_BYTES) {
    throw new RangeError(`Change of ${payload.length} bytes exceeds the change log's frame limit of ${MAX_FRAME_BYTES} bytes`);
  }
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

/** The intact frames of a log file, and where the intact part ends. */
export interface DecodedLog {
  /** Payloads of the intact frames, in order. */
  readonly payloads: Buffer[];
  /** Byte length of the header plus the intact frames; the rest of the file, if any, is a damaged tail. */
  readonly intactLength: number;
  /** Reason the tail after `intactLength` is damaged; absent when the whole file is intact. */
  readonly damage?: string;
}

/**
 * Decodes a log file's bytes up to the first damaged frame.
 * @param bytes the file contents, or its first `length` bytes.
 * @throws RangeError when the file does not start with the log header (it is not a change log).
 */
export function decodeLog(bytes: Buffer): DecodedLog {
  if (bytes.length < LOG_HEADER.length) {
    return { payloads: [], intactLength: 0, damage: `the file is ${bytes.length} bytes, shorter than the ${LOG_HEADER.length}-byte header` };
  }
  if (!bytes.subarray(0, LOG_HEADER.length).equals(LOG_HEADER)) {
    throw new RangeError('The file does not start with the change log header "BBLOG01"');
  }

  const payloads: Buffer[] = [];
  let offset = LOG_HEADER.length;
  while (offset < bytes.length) {
    const remaining = bytes.length - offset;
    if (remaining < FRAME_HEADER_BYTES) {
      return { payloads, intactLength: offset, damage: `the frame at byte ${offset} has only ${remaining} of its ${FRAME_HEADER_BYTES} header bytes` };
    }
    const length = bytes.readUInt32LE(offset);
    const checksum = bytes.readUInt32LE(offset + 4);
    if (length > MAX_FRAME_BYTES || length > remaining - FRAME_HEADER_BYTES) {
      return { payloads, intactLength: offset, damage: `the frame at byte ${offset} declares ${length} bytes but ${remaining - FRAME_HEADER_BYTES} follow` };
    }
    const payload = bytes.subarray(offset + FRAME_HEADER_BYTES, offset + FRAME_HEADER_BYTES + length);
    if (crc32(payload) !== checksum) {
      return { payloads, intactLength: offset, damage: `the frame at byte ${offset} has a wrong checksum` };
    }
    payloads.push(payload);
    offset += FRAME_HEADER_BYTES + length;
  }
  return { payloads, intactLength: offset };
}

/** Serialises a change as a frame payload: UTF-8 JSON of the change. */
export function encodeChange(change: ReplicaChange): Buffer {
  return Buffer.from(JSON.stringify({ dropGraphs: change.dropGraphs, dropProvenanceSubjects: change.dropProvenanceSubjects, nquads: change.nquads }), 'utf8');
}

/**
 * Reads a change back from a frame payload.
 * @throws TypeError when the payload is not a serialised change (the checksum matched, so this is a bug).
 */
export function decodeChange(payload: Buffer): ReplicaChange {
  const value = JSON.parse(payload.toString('utf8')) as Partial<ReplicaChange>;
  if (!Array.isArray(value.dropGraphs) || !Array.isArray(value.dropProvenanceSubjects) || typeof value.nquads !== 'string') {
    throw new TypeError('A change log entry lacks dropGraphs, dropProvenanceSubjects or nquads');
  }
  return { dropGraphs: value.dropGraphs, dropProvenanceSubjects: value.dropProvenanceSubjects, nquads: value.nquads };
}
