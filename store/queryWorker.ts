/**
 * A query worker thread: restores one replica of the catalogue from the journal files, then applies changes
 * and runs tasks in the order the pool sends them. Each message is handled synchronously, so a query sees a
 * change either wholly applied or not at all. Started by `QueryWorkerPool` through `queryWorkerBootstrap.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { OxigraphReplica, isEngineFault, validateNQuads } from './OxigraphReplica';
import { decodeChange, decodeLog } from './logFrames';
import { prepareQuery } from './queryLimit';
import { readAll, readSnapshotChunks, writeSnapshotFile } from './snapshotFile';
import { serialiseError, type WorkerRequest, type WorkerResponse, type WorkerStart, type WorkerTask } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('queryWorker.ts runs only as a worker thread started by QueryWorkerPool');

const start = workerData as WorkerStart;
const replica = new OxigraphReplica(start.provenanceGraph);

function post(message: WorkerResponse): void {
  port!.postMessage(message);
}

/** Loads the snapshot and replays the log; returns the number of changes replayed. */
function restore(): number {
  if (start.snapshotFd !== undefined) {
    for (const chunk of readSnapshotChunks(start.snapshotFd)) replica.loadSnapshot(chunk);
  }
  const log = decodeLog(readAll(start.logFd, start.logLength));
  if (log.damage !== undefined) throw new Error(`The change log is damaged before byte ${start.logLength}: ${log.damage}`);
  for (const payload of log.payloads) replica.apply(decodeChange(payload), { validated: true });
  return log.payloads.length;
}

function runTask(task: WorkerTask): unknown {
  switch (task.kind) {
    case 'query': return replica.query(prepareQuery(task.query, task.options.maxResults), task.options);
    case 'validate': return validateNQuads(task.nquads);
    case 'dump': return replica.dump(task.format);
    case 'writeSnapshot': return writeSnapshotFile(task.path, replica.dump('n-quads'));
    case 'size': return replica.size;
    case 'recordGraphs': return replica.recordGraphs();
  }
}

function handle(request: WorkerRequest): void {
  if (request.type === 'apply') {
    try {
      replica.apply(request.change, { validated: true });
      post({ type: 'applied' });
    } catch (error) {
      post({ type: 'applyFailed', error: serialiseError(error) });
    }
    return;
  }
  try {
    post({ type: 'done', id: request.id, value: runTask(request.task) });
  } catch (error) {
    post({ type: 'failed', id: request.id, error: serialiseError(error), engineFault: isEngineFault(error) });
  }
}

const began = performance.now();
try {
  const changes = restore();
  post({ type: 'restored', quads: replica.size, changes, milliseconds: Math.round(performance.now() - began) });
  port.on('message', handle);
} catch (error) {
  post({ type: 'restoreFailed', error: serialiseError(error) });
}
