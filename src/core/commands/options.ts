// Typed command options, declared once with zod. Each builder returns a zod schema and records
// what Discord and Slack need to know about it (kind, localized description, choices), so the
// Discord command JSON, the Slack manifest and the console parser all come from one declaration.
import { z } from 'zod';

export interface Localized {
  en: string;
  bg: string;
}

export type OptionKind = 'string' | 'integer' | 'boolean' | 'member' | 'channel' | 'role' | 'choice';

export interface OptionSpec {
  kind: OptionKind;
  description: Localized;
  required: boolean;
  choices?: readonly string[];
  /** Takes the rest of the input (free text such as an answer or a title with spaces). */
  rest?: boolean;
}

const specs = new WeakMap<z.ZodType, OptionSpec>();

export function optionSpec(schema: z.ZodType): OptionSpec | undefined {
  return specs.get(schema);
}

function register<T extends z.ZodType>(schema: T, spec: OptionSpec): T {
  specs.set(schema, spec);
  return schema;
}

interface Common {
  required?: boolean;
}

function finish<T extends z.ZodType>(base: T, kind: OptionKind, description: Localized, opts: Common & { choices?: readonly string[]; rest?: boolean }) {
  const required = opts.required ?? false;
  const schema = required ? base : base.optional();
  const spec: OptionSpec = { kind, description, required };
  if (opts.choices) spec.choices = opts.choices;
  if (opts.rest) spec.rest = true;
  return register(schema, spec);
}

export const option = {
  string(description: Localized, opts: Common & { max?: number; rest?: boolean } = {}) {
    return finish(z.string().trim().min(1).max(opts.max ?? 4000), 'string', description, opts) as z.ZodType<string | undefined>;
  },
  /**
   * Free text the command checks itself (emptiness, length) with its own message in the member's
   * language, e.g. what a form sends back: zod keeps it as typed.
   */
  text(description: Localized, opts: Common & { rest?: boolean } = {}) {
    return finish(z.string(), 'string', description, opts) as z.ZodType<string | undefined>;
  },
  requiredString(description: Localized, opts: { max?: number; rest?: boolean } = {}) {
    return finish(z.string().trim().min(1).max(opts.max ?? 4000), 'string', description, { ...opts, required: true }) as z.ZodType<string>;
  },
  integer(description: Localized, opts: Common & { min?: number; max?: number } = {}) {
    let base = z.coerce.number().int();
    if (opts.min !== undefined) base = base.min(opts.min);
    if (opts.max !== undefined) base = base.max(opts.max);
    return finish(base, 'integer', description, opts) as z.ZodType<number | undefined>;
  },
  boolean(description: Localized, opts: Common = {}) {
    const base = z.union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', 'on', 'off'])]).transform((v) => v === true || v === 'true' || v === 'yes' || v === 'on');
    return finish(base, 'boolean', description, opts) as unknown as z.ZodType<boolean | undefined>;
  },
  /** A member of the community; resolved to an opaque member id before validation. */
  member(description: Localized, opts: Common = {}) {
    return finish(z.string().min(1), 'member', description, opts) as z.ZodType<string | undefined>;
  },
  requiredMember(description: Localized) {
    return finish(z.string().min(1), 'member', description, { required: true }) as z.ZodType<string>;
  },
  /** A channel; resolved to an opaque channel id before validation. */
  channel(description: Localized, opts: Common = {}) {
    return finish(z.string().min(1), 'channel', description, opts) as z.ZodType<string | undefined>;
  },
  /**
   * A role of the community (Discord's role picker); an opaque role id there. Platforms without
   * roles pass what was typed, and the command says roles are Discord-only.
   */
  requiredRole(description: Localized) {
    return finish(z.string().trim().min(1).max(200), 'role', description, { required: true }) as z.ZodType<string>;
  },
  choice<const C extends readonly [string, ...string[]]>(choices: C, description: Localized, opts: Common = {}) {
    return finish(z.enum(choices), 'choice', description, { ...opts, choices }) as z.ZodType<C[number] | undefined>;
  },
};

/** Ordered option specs of a z.object declared with the builders above. */
export function describeOptions(schema: z.ZodObject): Array<{ name: string; spec: OptionSpec }> {
  return Object.entries(schema.shape).map(([name, field]) => {
    const spec = optionSpec(field as z.ZodType);
    if (!spec) throw new Error(`Option "${name}" was not declared with option.* (src/core/commands/options.ts)`);
    return { name, spec };
  });
}
