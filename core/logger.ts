/**
 * The structured logger. Services log through a child of this logger; harvest runs get a child that carries
 * the source name and run id. Libraries (vocab/, shapes/, store/) do not log.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the root logger. Level from `LOG_LEVEL` (default `info`); tests set `silent`. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'bouwblokken' } }, pino.destination(2));
}
