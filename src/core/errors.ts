// Errors carry a stable code and keep their cause. A UserError is shown to the person who caused
// it, translated into their language; anything else is logged with context by one handler
// (compare bolt-js src/errors.ts and sapphire's UserError).

export type Vars = Record<string, string | number>;

export class RapportError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RapportError';
    this.code = code;
  }
}

/** An error the user can fix. `key` is a message-catalogue key; `vars` fill it in. */
export class UserError extends RapportError {
  readonly key: string;
  readonly vars: Vars;
  constructor(key: string, vars: Vars = {}, options?: { cause?: unknown }) {
    super(`user.${key}`, `${key} ${JSON.stringify(vars)}`, options);
    this.name = 'UserError';
    this.key = key;
    this.vars = vars;
  }
}

/** A platform API failed (rate limits, closed DMs, network). `retryable` guides the job queue. */
export class PlatformError extends RapportError {
  readonly platform: string;
  readonly retryable: boolean;
  constructor(platform: string, code: string, message: string, options: { cause?: unknown; retryable: boolean }) {
    super(`platform.${platform}.${code}`, message, options);
    this.name = 'PlatformError';
    this.platform = platform;
    this.retryable = options.retryable;
  }
}

/** Configuration is wrong; the message names each variable and how to fix it. */
export class ConfigError extends RapportError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('config.invalid', `Rapport cannot start because of its configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
