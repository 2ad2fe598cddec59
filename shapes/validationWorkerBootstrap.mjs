// Entry point of a validation worker thread. Node 20 does not run a worker's TypeScript entry through the tsx
// hooks of the main thread, so the worker registers tsx itself before it imports the real module.
import { register } from 'tsx/esm/api';

register();
await import('./validationWorker.ts');
