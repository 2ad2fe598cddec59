import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BadInputError, ConflictError } from '../../core/errors';
import { Journal, logFileName, snapshotFileName } from '../../store/Journal';
import { decodeChange, decodeLog, encodeFrame, LOG_HEADER } from '../../store/logFrames';
import type { ReplicaChange } from '../../store/OxigraphReplica';
import { readAll } from '../../store/snapshotFile';

function change(index: number): ReplicaChange {
  return { dropGraphs: [], dropProvenanceSubjects: [], nquads: `<http://ex/s${index}> <http://ex/p> "${index}" <http://ex/g> .\n` };
}

/** Reads the changes that a replica restoring now would replay. */
function replayedChanges(journal: Journal): ReplicaChange[] {
  const files = journal.openReplayFiles();
  try {
    return decodeLog(readAll(files.logFd, files.logLength)).payloads.map(decodeChange);
  } finally {
    files.close();
  }
}

describe('Journal', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'bb-journal-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps appended changes across reopening', async () => {
    const { journal } = await Journal.open(dataDir);
    for (let index = 0; index < 3; index++) journal.markReplicated(await journal.append(change(index)));
    await journal.close();

    const reopened = await Journal.open(dataDir);
    expect(reopened.warnings).to.deep.equal([]);
    expect(replayedChanges(reopened.journal)).to.deep.equal([change(0), change(1), change(2)]);
    await reopened.journal.close();
  });

  it('replays only changes marked as replicated', async () => {
    const { journal } = await Journal.open(dataDir);
    journal.markReplicated(await journal.append(change(0)));
    await journal.append(change(1));
    expect(replayedChanges(journal)).to.deep.equal([change(0)]);
    await journal.close();
  });

  it('truncates a torn tail and warns', async () => {
    const { journal } = await Journal.open(dataDir);
    await journal.append(change(0));
    await journal.close();
    const logPath = path.join(dataDir, logFileName(0));
    const intactSize = statSync(logPath).size;
    appendFileSync(logPath, encodeFrame(Buffer.from(JSON.stringify(change(1)))).subarray(0, 20));

    const reopened = await Journal.open(dataDir);
    expect(reopened.warnings).to.have.length(1);
    expect(reopened.warnings[0]).to.match(/Truncated changes-00000000\.log from \d+ to \d+ bytes after 1 intact changes/);
    expect(statSync(logPath).size).to.equal(intactSize);
    expect(replayedChanges(reopened.journal)).to.deep.equal([change(0)]);

    // Appending after the repair makes a log that decodes whole.
    reopened.journal.markReplicated(await reopened.journal.append(change(2)));
    expect(replayedChanges(reopened.journal)).to.deep.equal([change(0), change(2)]);
    await reopened.journal.close();
  });

  it('rewrites a header cut short', async () => {
    writeFileSync(path.join(dataDir, logFileName(0)), LOG_HEADER.subarray(0, 3));
    const { journal, warnings } = await Journal.open(dataDir);
    expect(warnings[0]).to.match(/shorter than the 8-byte header/);
    expect(replayedChanges(journal)).to.deep.equal([]);
    await journal.close();
  });

  it('compacts into a new generation and deletes the old one', async () => {
    const { journal } = await Journal.open(dataDir);
    journal.markReplicated(await journal.append(change(0)));
    await journal.compact(async (temporaryPath) => writeFileSync(temporaryPath, change(0).nquads));
    journal.markReplicated(await journal.append(change(1)));

    expect(journal.generation).to.equal(1);
    expect(readdirSync(dataDir).sort()).to.deep.equal(['LOCK', logFileName(1), snapshotFileName(1)]);
    expect(replayedChanges(journal)).to.deep.equal([change(1)]);
    await journal.close();
  });

  it('keeps the old generation when writing the snapshot fails', async () => {
    const { journal } = await Journal.open(dataDir);
    journal.markReplicated(await journal.append(change(0)));
    const failure = journal.compact(async (temporaryPath) => {
      writeFileSync(temporaryPath, 'partial');
      throw new Error('disk full');
    });
    const error = await failure.then(() => undefined, (reason: unknown) => reason);
    expect((error as Error).message).to.equal('disk full');
    expect(journal.generation).to.equal(0);
    expect(readdirSync(dataDir).sort()).to.deep.equal(['LOCK', logFileName(0)]);
    journal.markReplicated(await journal.append(change(1)));
    expect(replayedChanges(journal)).to.deep.equal([change(0), change(1)]);
    await journal.close();
  });

  it('recovers from a crash before the snapshot rename', async () => {
    const { journal } = await Journal.open(dataDir);
    await journal.append(change(0));
    await journal.close();
    writeFileSync(path.join(dataDir, `${snapshotFileName(1)}.tmp`), 'half a snap');

    const reopened = await Journal.open(dataDir);
    expect(reopened.journal.generation).to.equal(0);
    expect(reopened.warnings[0]).to.match(/Removed snapshot-00000001\.nq\.tmp/);
    expect(replayedChanges(reopened.journal)).to.deep.equal([change(0)]);
    await reopened.journal.close();
  });

  it('recovers from a crash between the snapshot rename and the new log', async () => {
    const { journal } = await Journal.open(dataDir);
    await journal.append(change(0));
    await journal.close();
    writeFileSync(path.join(dataDir, snapshotFileName(1)), change(0).nquads);

    const reopened = await Journal.open(dataDir);
    expect(reopened.journal.generation).to.equal(1);
    expect(readdirSync(dataDir).sort()).to.deep.equal(['LOCK', logFileName(1), snapshotFileName(1)]);
    expect(replayedChanges(reopened.journal)).to.deep.equal([]);
    await reopened.journal.close();
  });

  it('refuses a log whose snapshot is missing', async () => {
    writeFileSync(path.join(dataDir, logFileName(2)), LOG_HEADER);
    try {
      await Journal.open(dataDir);
      expect.fail('open should have failed');
    } catch (error) {
      expect(error).to.be.instanceOf(BadInputError);
      expect((error as Error).message).to.match(/contains changes-00000002\.log but not snapshot-00000002\.nq/);
    }
    expect(existsSync(path.join(dataDir, 'LOCK'))).to.equal(false);
  });

  it('rejects a second open in one process', async () => {
    const { journal } = await Journal.open(dataDir);
    try {
      await Journal.open(dataDir);
      expect.fail('second open should have failed');
    } catch (error) {
      expect(error).to.be.instanceOf(ConflictError);
      expect((error as Error).message).to.include('already open in this process');
    } finally {
      await journal.close();
    }
  });

  it('rejects a directory locked by a live process', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dataDir, 'LOCK'), String(child.pid));
      const error = await Journal.open(dataDir).then(() => undefined, (reason: unknown) => reason as Error);
      expect(error).to.be.instanceOf(ConflictError);
      expect(error?.message).to.include(`in use by process ${child.pid}`);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a lock with its own process id from an earlier run', async () => {
    writeFileSync(path.join(dataDir, 'LOCK'), String(process.pid));
    const { journal } = await Journal.open(dataDir);
    await journal.close();
  });

  it('takes over the lock of a process that is gone', async () => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(dataDir, 'LOCK'), child.stdout);
    const { journal } = await Journal.open(dataDir);
    await journal.close();
  });
});
