#!/usr/bin/env node
// Entry point of the `bouwblokken` command: registers tsx so Node.js runs the TypeScript sources directly.
import { register } from 'tsx/esm/api';

register();
await import('../cli/bouwblokken.ts');
