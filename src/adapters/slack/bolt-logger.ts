// Bolt, the WebClient and the Socket Mode client log through @slack/logger's interface; this
// forwards their lines to Rapport's pino logger so there is one log stream.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';

export function boltLogger(logger: Logger, level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  let log = logger.child({ component: 'slack' });
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  const enabled = (l: LogLevel) => order.indexOf(l) >= order.indexOf(current);
  const forward = (l: LogLevel, write: (object: object, message?: string) => void) => (...msg: unknown[]) => {
    if (!enabled(l)) return;
    const error = msg.find((m) => m instanceof Error);
    const text = msg.filter((m) => !(m instanceof Error)).map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
    write(error ? { err: error } : {}, text);
  };
  return {
    debug: forward(LogLevel.DEBUG, (o, m) => log.debug(o, m)),
    info: forward(LogLevel.INFO, (o, m) => log.info(o, m)),
    warn: forward(LogLevel.WARN, (o, m) => log.warn(o, m)),
    error: forward(LogLevel.ERROR, (o, m) => log.error(o, m)),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (name) => {
      log = logger.child({ component: name });
    },
  };
}
