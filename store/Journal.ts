/**
 * The durable form of the catalogue in a data directory: a snapshot (N-Quads of the whole store) and an
 * append-only change log of the changes made since that snapshot. Both carry a generation number in their
 * file names, `snapshot-NNNNNNNN.nq` and `changes-NNNNNNNN.log`; generation 0 has no snapshot (empty store).
 *
 * Crash guarantees (for a killed process; power loss additionally relies on fsync doing its job):
 * - `append` resolves only after the frame is fsync'ed, so an acknowledged change survives.
 * - A crash during `append` leaves at most one damaged frame at the end of the log; `open` truncates it.
 * - `compact` writes the new snapshot under a temporary name, fsyncs it, renames it into place and fsyncs
 *   the directory before it creates the new log. `open` takes the highest complete snapshot generation, so a
 *   crash before the rename keeps the old generation and a crash after it starts from the new snapshot.
 *
 * The journal belongs to one writer: callers serialise `append` and `compact`.
 */
import { closeSync, openSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BadInputError, ConflictError } from '../core/errors';
import type { ReplicaChange } from './OxigraphReplica';
import { decodeLog, encodeChange, encodeFrame, LOG_HEADER } from './logFrames';

/** File descriptors from which a replica restores itself; the caller closes them with `close`. */
export interface ReplayFiles {
  /** Open snapshot file, absent in generation 0. */
  readonly snapshotFd?: number;
  readonly logFd: number;
  /** Bytes of the log to replay, header included; later changes reach the replica as messages. */
  readonly logLength: number;
  close(): void;
}

const SNAPSHOT_NAME = /^snapshot-(\d{8})\.nq$/;
const LOG_NAME = /^changes-(\d{8})\.log$/;
const LOCK_NAME = 'LOCK';

export class Journal {
  private broken?: Error;

  private constructor(
    private readonly dataDir: string,
    private generationNumber: number,
    private log: FileHandle,
    /** Bytes of the log that are fsync'ed. */
    private durableLength: number,
    /** Bytes of the log whose changes every replica has been sent; a restoring replica replays this much. */
    private replicatedLength: number,
    private snapshotSize: number,
  ) {}

  /**
   * Opens the journal in `dataDir` (created when missing), recovering from an interrupted write or compaction.
   * @returns the journal and warnings about what recovery repaired (such as a truncated log tail).
   * @throws ConflictError when another live process has the directory open; BadInputError when the
   *   directory contains a change log without its snapshot or a file that is not a change log.
   */
  static async open(dataDir: string): Promise<{ journal: Journal; warnings: string[] }> {
    const warnings: string[] = [];
    await mkdir(dataDir, { recursive: true });
    await acquireLock(dataDir);

    try {
      // Remove leftovers of an interrupted compaction.
      const names = await readdir(dataDir);
      for (const name of names.filter((entry) => entry.endsWith('.tmp'))) {
        await unlink(path.join(dataDir, name));
        warnings.push(`Removed ${name}, left by a compaction that did not finish`);
      }

      // Take the highest snapshot generation; older files are superseded by it.
      const snapshots = generationsOf(names, SNAPSHOT_NAME);
      const logs = generationsOf(names, LOG_NAME);
      const generation = Math.max(0, ...snapshots);
      const orphan = logs.find((number) => number > generation);
      if (orphan !== undefined) {
        throw new BadInputError(`Data directory ${dataDir} contains ${logFileName(orphan)} but not ${snapshotFileName(orphan)}, so its changes cannot be replayed; restore the snapshot or move the log away`);
      }
      for (const number of snapshots.filter((other) => other < generation)) await unlink(path.join(dataDir, snapshotFileName(number)));
      for (const number of logs.filter((other) => other < generation)) await unlink(path.join(dataDir, logFileName(number)));
      await syncDirectory(dataDir);

      // Open the log, creating it after a compaction that stopped right after the rename.
      const logPath = path.join(dataDir, logFileName(generation));
      const length = logs.includes(generation) ? await recoverLog(logPath, warnings) : await createLog(dataDir, logPath);
      const log = await open(logPath, 'r+');
      const snapshotSize = generation === 0 ? 0 : (await stat(path.join(dataDir, snapshotFileName(generation)))).size;
      return { journal: new Journal(dataDir, generation, log, length, length, snapshotSize), warnings };
    } catch (error) {
      await releaseLock(dataDir);
      throw error;
    }
  }

  /** Generation number of the current snapshot and log. */
  get generation(): number {
    return this.generationNumber;
  }

  /** Size of the current change log in bytes (fsync'ed part). */
  get logBytes(): number {
    return this.durableLength;
  }

  /** Size of the current snapshot in bytes, 0 in generation 0. */
  get snapshotBytes(): number {
    return this.snapshotSize;
  }

  /**
   * Appends a change and fsyncs it. When the write fails, the log is cut back to its previous length so that
   * no damaged frame sits before later ones.
   * @returns the log length after the change, to pass to `markReplicated` once replicas have been sent it.
   * @throws the write error; an Error when an earlier failure left the log in an unknown state.
   */
  async append(change: ReplicaChange): Promise<number> {
    if (this.broken) throw this.broken;
    const frame = encodeFrame(encodeChange(change));
    try {
      await this.log.write(frame, 0, frame.length, this.durableLength);
      await this.log.datasync();
    } catch (error) {
      await this.cutBack(error);
      throw error;
    }
    this.durableLength += frame.length;
    return this.durableLength;
  }

  /** Records that every replica has been sent the changes up to `length` (a value returned by `append`). */
  markReplicated(length: number): void {
    this.replicatedLength = length;
  }

  /**
   * Opens the current snapshot and log for a replica to restore from. The descriptors stay valid when a
   * compaction deletes the files meanwhile.
   */
  openReplayFiles(): ReplayFiles {
    const snapshotFd = this.generationNumber === 0 ? undefined : openSync(path.join(this.dataDir, snapshotFileName(this.generationNumber)), 'r');
    let logFd: number;
    try {
      logFd = openSync(path.join(this.dataDir, logFileName(this.generationNumber)), 'r');
    } catch (error) {
      if (snapshotFd !== undefined) closeSync(snapshotFd);
      throw error;
    }
    let closed = false;
    return {
      snapshotFd,
      logFd,
      logLength: this.replicatedLength,
      close: () => {
        if (closed) return;
        closed = true;
        if (snapshotFd !== undefined) closeSync(snapshotFd);
        closeSync(logFd);
      },
    };
  }

  /**
   * Replaces the snapshot and log by a new generation. `writeSnapshot` must write the whole current store as
   * N-Quads to the given path and fsync it; no change may be appended while `compact` runs.
   * @throws what `writeSnapshot` throws (the journal is unchanged then), or a file system error; after an error
   *   past the rename the journal refuses further appends, because the directory already contains the new generation.
   */
  async compact(writeSnapshot: (temporaryPath: string) => Promise<void>): Promise<void> {
    if (this.broken) throw this.broken;
    const next = this.generationNumber + 1;
    const snapshotPath = path.join(this.dataDir, snapshotFileName(next));
    const temporaryPath = `${snapshotPath}.tmp`;

    // Write the snapshot under a temporary name; the old generation stays valid until the rename.
    try {
      await writeSnapshot(temporaryPath);
    } catch (error) {
      await unlink(temporaryPath).catch(() => undefined);
      throw error;
    }

    // Switch to the new generation: from the rename on, a restart uses the new snapshot.
    try {
      await rename(temporaryPath, snapshotPath);
      await syncDirectory(this.dataDir);
      const logPath = path.join(this.dataDir, logFileName(next));
      const length = await createLog(this.dataDir, logPath);
      const log = await open(logPath, 'r+');
      const previous = { generation: this.generationNumber, log: this.log };
      this.log = log;
      this.generationNumber = next;
      this.durableLength = length;
      this.replicatedLength = length;
      this.snapshotSize = (await stat(snapshotPath)).size;
      await previous.log.close();

      // Delete the superseded generation.
      if (previous.generation > 0) await unlink(path.join(this.dataDir, snapshotFileName(previous.generation)));
      await unlink(path.join(this.dataDir, logFileName(previous.generation)));
      await syncDirectory(this.dataDir);
    } catch (error) {
      this.broken = new Error(`Compaction to generation ${next} in ${this.dataDir} failed after the snapshot was written, so the store accepts no more changes; restart it`, { cause: error });
      throw this.broken;
    }
  }

  /** Closes the log and releases the directory. Appending afterwards fails. */
  async close(): Promise<void> {
    this.broken ??= new Error(`The journal in ${this.dataDir} is closed`);
    await this.log.close();
    await releaseLock(this.dataDir);
  }

  private async cutBack(cause: unknown): Promise<void> {
    try {
      await this.log.truncate(this.durableLength);
      await this.log.datasync();
    } catch (error) {
      this.broken = new Error(`Change log of generation ${this.generationNumber} in ${this.dataDir} could not be cut back to ${this.durableLength} bytes after a failed append, so the store accepts no more changes; restart it`, { cause: [cause, error] });
    }
  }
}

/** Returns the file name of the snapshot of `generation`. */
export function snapshotFileName(generation: number): string {
  return `snapshot-${String(generation).padStart(8, '0')}.nq`;
}

/** Returns the file name of the change log of `generation`. */
export function logFileName(generation: number): string {
  return `changes-${String(generation).padStart(8, '0')}.log`;
}

function generationsOf(names: readonly string[], pattern: RegExp): number[] {
  return names.flatMap((name) => {
    const match = pattern.exec(name);
    return match ? [Number(match[1])] : [];
  });
}

/** Truncates a damaged tail and returns the intact length. */
async function recoverLog(logPath: string, warnings: string[]): Promise<number> {
  const bytes = await readFile(logPath);
  let decoded: ReturnType<typeof decodeLog>;
  try {
    decoded = decodeLog(bytes);
  } catch (error) {
    throw new BadInputError(`${logPath} is not a change log: ${(error as Error).message}`, { cause: error, location: { resource: logPath } });
  }
  if (decoded.damage === undefined) return decoded.intactLength;

  const handle = await open(logPath, 'r+');
  try {
    if (decoded.intactLength < LOG_HEADER.length) {
      await handle.truncate(0);
      await handle.write(LOG_HEADER, 0, LOG_HEADER.length, 0);
    } else {
      await handle.truncate(decoded.intactLength);
    }
    await handle.datasync();
  } finally {
    await handle.close();
  }
  const kept = Math.max(decoded.intactLength, LOG_HEADER.length);
  warnings.push(`Truncated ${path.basename(logPath)} from ${bytes.length} to ${kept} bytes after ${decoded.payloads.length} intact changes, because ${decoded.damage}; the dropped tail was a change that had not been acknowledged`);
  return kept;
}

async function createLog(dataDir: string, logPath: string): Promise<number> {
  const handle = await open(logPath, 'w');
  try {
    await handle.write(LOG_HEADER, 0, LOG_HEADER.length, 0);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await syncDirectory(dataDir);
  return LOG_HEADER.length;
}

/** Fsyncs a directory, so that renames, creations and deletions in it are durable. */
export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Data directories that journals of this process have open, by resolved path. */
const lockedHere = new Set<string>();

/**
 * Claims the directory for this process by writing its process id to `LOCK`. A lock whose process is gone
 * (killed, crashed) is taken over. So is a lock with this process's own id that no journal of this process
 * set, because a restarted container often gets the same process id as the one that left the lock.
 */
async function acquireLock(dataDir: string): Promise<void> {
  const resolved = path.resolve(dataDir);
  if (lockedHere.has(resolved)) {
    throw new ConflictError(`Data directory ${dataDir} is already open in this process; close the other store first`);
  }
  const lockPath = path.join(dataDir, LOCK_NAME);
  try {
    await writeFile(lockPath, String(process.pid), { flag: 'wx' });
    lockedHere.add(resolved);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number((await readFile(lockPath, 'utf8')).trim());
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
    throw new ConflictError(`Data directory ${dataDir} is in use by process ${holder}; stop that process or choose another directory`);
  }
  await writeFile(lockPath, String(process.pid));
  lockedHere.add(resolved);
}

async function releaseLock(dataDir: string): Promise<void> {
  lockedHere.delete(path.resolve(dataDir));
  await unlink(path.join(dataDir, LOCK_NAME)).catch(() => undefined);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
