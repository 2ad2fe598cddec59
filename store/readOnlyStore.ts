/**
 * Opens a data directory read-only: loads its newest snapshot and replays the intact part of its change log
 * into an in-process store, without taking the directory's lock. Commands such as `export` use it while a
 * server owns the directory.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BadInputError } from '../core/errors';
import { InProcessStore } from './InProcessStore';
import { OxigraphReplica } from './OxigraphReplica';
import { logFileName, snapshotFileName } from './Journal';
import { decodeChange, decodeLog } from './logFrames';
import { readSnapshotChunks } from './snapshotFile';
import { provenanceGraphIri } from './graphs';

const SNAPSHOT_NAME = /^snapshot-(\d{8})\.nq$/;

/**
 * Returns an in-process store with what `dataDir` contains now. Writes to it are not persisted. A damaged log
 * tail (a write in progress) is left out, as a restart would.
 * @throws BadInputError when `dataDir` does not exist or changed under the reader twice in a row.
 */
export function openReadOnlyStore(options: { baseIri: string; dataDir: string; maxResults?: number }): InProcessStore {
  if (!existsSync(options.dataDir)) {
    throw new BadInputError(`No catalogue is stored in ${options.dataDir} yet; run "npm start" or "bouwblokken harvest" first, or set dataDir`);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return readDirectory(options);
    } catch (error) {
      // A compaction of the owning process may remove the files being read; read the new generation then.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 2) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new BadInputError(`Data directory ${options.dataDir} could not be read: ${(error as Error).message}`, { cause: error });
        }
        throw error;
      }
    }
  }
}

function readDirectory(options: { baseIri: string; dataDir: string; maxResults?: number }): InProcessStore {
  const replica = new OxigraphReplica(provenanceGraphIri(options.baseIri));
  const generations = readdirSync(options.dataDir)
    .map((name) => SNAPSHOT_NAME.exec(name)?.[1])
    .filter((number): number is string => number !== undefined)
    .map(Number);
  const generation = Math.max(0, ...generations);

  // Load the snapshot.
  if (generation > 0) {
    const fd = openSync(path.join(options.dataDir, snapshotFileName(generation)), 'r');
    try {
      for (const chunk of readSnapshotChunks(fd)) replica.loadSnapshot(chunk);
    } finally {
      closeSync(fd);
    }
  }

  // Replay the intact changes.
  const logPath = path.join(options.dataDir, logFileName(generation));
  let bytes: Buffer;
  try {
    bytes = readFileSync(logPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && generation === 0) bytes = Buffer.alloc(0);
    else throw error;
  }
  if (bytes.length > 0) {
    for (const payload of decodeLog(bytes).payloads) replica.apply(decodeChange(payload), { validated: true });
  }
  return new InProcessStore({ baseIri: options.baseIri, maxResults: options.maxResults, replica });
}
