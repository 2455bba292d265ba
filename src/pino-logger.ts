// The Logger port (src/core/logger.ts) implemented with pino: JSON logs; pretty, human-readable
// lines when a person is watching a terminal. The pretty stream runs in-process (no worker
// thread), so short commands start and exit fast.
import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from './core/logger.ts';

export function createLogger(options: { level: string; pretty: boolean; destination?: NodeJS.WritableStream }): Logger {
  const destination = options.destination ?? process.stderr;
  const stream = options.pretty ? pretty({ destination, colorize: false, ignore: 'pid,hostname', sync: true }) : destination;
  return pino({ level: options.level }, stream as pino.DestinationStream) as unknown as Logger;
}
