// Process-level handlers for `rapport start`. An unhandled rejection is a bug that dropped one
// piece of work: it is logged with its stack and Rapport keeps serving everyone else. An uncaught
// exception leaves the process in an unknown state (https://nodejs.org/api/process.html#warning-using-uncaughtexception-correctly):
// it is logged, and Rapport stops the way SIGTERM stops it (flushing what it holds), exiting with code 1.
import type { Logger } from '../core/logger.ts';

export interface ProcessGuard {
  /** An uncaught exception happened: the process must exit with a failure code. */
  readonly fatal: boolean;
  uninstall(): void;
}

export function guardProcess(deps: { logger: Logger; requestStop(reason: string): void }): ProcessGuard {
  let fatal = false;
  const onRejection = (reason: unknown) => {
    deps.logger.error({ err: reason }, 'unhandled promise rejection: the work it belonged to was dropped; still serving');
  };
  const onException = (error: Error, origin: string) => {
    fatal = true;
    deps.logger.error({ err: error, origin }, 'uncaught exception: stopping after flushing what is held');
    deps.requestStop('uncaught exception');
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    get fatal() {
      return fatal;
    },
    uninstall() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
