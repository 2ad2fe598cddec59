/**
 * Snapshot files: the whole store as N-Quads, split into load chunks by `# chunk` comment lines (see
 * `loadChunks.ts`). The file stays valid N-Quads, so any RDF tool reads it as the full dataset.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { CHUNK_MARKER, splitIntoLoadChunks } from './loadChunks';

/**
 * Writes a snapshot file and fsyncs it. The file must not exist yet.
 * @returns the number of bytes written.
 * @throws the file system error when the file exists or cannot be written.
 */
export function writeSnapshotFile(filePath: string, nquads: string): number {
  const fd = openSync(filePath, 'wx');
  let bytes = 0;
  try {
    for (const chunk of splitIntoLoadChunks(nquads)) {
      bytes += writeAll(fd, Buffer.from(chunk, 'utf8'));
      bytes += writeAll(fd, Buffer.from(CHUNK_MARKER, 'utf8'));
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** Reads a whole snapshot file from an open descriptor and returns its load chunks. */
export function readSnapshotChunks(fd: number): Buffer[] {
  const bytes = readAll(fd, fstatSync(fd).size);
  const marker = Buffer.from(CHUNK_MARKER, 'utf8');
  const chunks: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    const at = bytes.indexOf(marker, start);
    const end = at < 0 ? bytes.length : at;
    if (end > start) chunks.push(bytes.subarray(start, end));
    start = at < 0 ? bytes.length : at + marker.length;
  }
  return chunks;
}

/** Reads the first `length` bytes of an open file, from position 0. */
export function readAll(fd: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let offset = 0;
  while (offset < length) {
    const read = readSync(fd, bytes, offset, length - offset, offset);
    if (read === 0) throw new Error(`File ended after ${offset} of ${length} bytes`);
    offset += read;
  }
  return bytes;
}

function writeAll(fd: number, bytes: Buffer): number {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
  return bytes.length;
}
