// Shared by both schedulers: job data is validated before a processor sees it, and data that can
// never be valid fails the job for good instead of being retried.
import type { JobDefinition } from '../core/scheduler.ts';
import { UnrecoverableJobError } from '../core/scheduler.ts';

export function parseJobData<T>(definition: JobDefinition<T>, data: unknown): T {
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');
    throw new UnrecoverableJobError(`Job ${definition.name} has invalid data: ${problem}`);
  }
  return parsed.data;
}

export function isUnrecoverable(error: unknown): boolean {
  return error instanceof UnrecoverableJobError || (error instanceof Error && error.name === 'UnrecoverableJobError');
}

export const DEFAULT_ATTEMPTS = 5;
export const BACKOFF_BASE_MS = 1_000;
