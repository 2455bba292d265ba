// A Logger (src/core/logger.ts) that keeps every entry in memory, so tests can assert on what was logged.
import type { Logger } from '../../../src/core/logger.ts';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  data: Record<string, unknown>;
}

export function recordingLogger(entries: LogEntry[] = [], bindings: Record<string, unknown> = {}): Logger & { entries: LogEntry[] } {
  const at = (level: LogEntry['level']) => (first: object | string, message?: string) => {
    if (typeof first === 'string') entries.push({ level, message: first, data: { ...bindings } });
    else entries.push({ level, message: message ?? '', data: { ...bindings, ...(first as Record<string, unknown>) } });
  };
  return {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => recordingLogger(entries, { ...bindings, ...more }),
  };
}
