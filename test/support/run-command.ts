// Runs one command (or subcommand) handler straight, with only the ports it declares: `deps` is
// typed from the command's `needs`, and a port it did not declare is refused at run time too, so
// a test builds exactly what the command can touch and nothing more.
import type { z } from 'zod';
import type { Deps, PortName } from '../../src/core/app-ports.ts';
import type { Runnable } from '../../src/core/commands/define.ts';
import type { Actor } from '../../src/core/events.ts';
import type { OutgoingMessage } from '../../src/core/outgoing.ts';
import type { CommunityRecord, Language } from '../../src/core/ports.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';

export interface CommandRun<S extends z.ZodObject, N extends PortName> {
  deps: Deps<N>;
  options?: Partial<z.input<S>>;
  actor?: Partial<Actor>;
  community?: Partial<CommunityRecord>;
  language?: Language;
}

export interface Replied {
  text: string;
  title?: string;
  ephemeral: boolean;
}

export async function runCommand<S extends z.ZodObject, N extends PortName>(target: Runnable<S, N>, run: CommandRun<S, N>): Promise<Replied[]> {
  const declared = new Set<string>(target.needs ?? []);
  for (const name of Object.keys(run.deps)) if (!declared.has(name)) throw new Error(`The test passes port "${name}", which the command does not declare`);
  for (const name of declared) if (!Object.hasOwn(run.deps, name)) throw new Error(`The command declares port "${name}"; the test must build it`);
  const translator = await createTranslator();
  const language = run.language ?? 'en';
  const replies: Replied[] = [];
  await target.run({
    options: target.options.parse(run.options ?? {}),
    actor: { memberId: 'console:local:you', displayName: 'you', isBot: false, isModerator: true, ...run.actor },
    community: { id: 'console:local', platform: 'console', name: 'local', language, timeZone: 'Europe/Sofia', ...run.community },
    channelId: 'console:local:general',
    language,
    t: (key, vars) => translator.t(language, key, vars),
    reply: async (message: OutgoingMessage | string, options) => {
      const m = typeof message === 'string' ? { text: message } : message;
      replies.push({ text: m.text ?? '', ...(m.title ? { title: m.title } : {}), ephemeral: options?.ephemeral ?? false });
    },
    deps: run.deps,
  });
  return replies;
}
