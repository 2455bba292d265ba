// Console output failures -> PlatformError. A closed terminal (EPIPE) will not come back.
import { PlatformError } from '../../core/errors.ts';

export function toPlatformError(error: unknown): PlatformError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END') {
    return new PlatformError('console', 'closed', 'The console output is closed', { cause: error, retryable: false });
  }
  return new PlatformError('console', 'unknown', (error as Error | undefined)?.message ?? String(error), { cause: error, retryable: true });
}
