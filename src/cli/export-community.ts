// `rapport export community --community NAME|ID --format jsonl [--out FILE]`: a community's whole
// archive (src/db/community-export.ts) to FILE or standard output. A file is written under a
// temporary name and renamed when complete, so a failed export never looks like a finished one.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { loadConfig } from '../config.ts';
import { exportCommunity } from '../db/community-export.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { createLogger } from '../pino-logger.ts';
import { openRapport } from '../open-rapport.ts';
import { chooseCommunity } from './community-choice.ts';
import { exitWithUserError, parseFlags, type CliCommand } from './io.ts';

export const runExportCommunity: CliCommand = async (argv, io) => {
  const config = loadConfig(io.env);
  const translator = await createTranslator();
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(config.language, key, vars);
  const { values, rest, errors } = parseFlags(argv, { strings: ['community', 'format', 'out'] });
  if (errors.length > 0 || rest.length > 0 || !values.community) {
    io.stderr.write(`${errors.map((e) => `${e}\n`).join('')}${t('moving.export.usage')}\n`);
    return 2;
  }
  if ((values.format ?? 'jsonl') !== 'jsonl') {
    io.stderr.write(`${t('moving.export.format')}\n`);
    return 2;
  }
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: false, destination: io.stderr });
  const app = await openRapport(config, { database: 'configured', scheduler: 'in-process', logger, adapters: () => [] });
  const partial = values.out ? `${values.out}.partial` : undefined;
  try {
    const choice = await chooseCommunity(app.repos.communities, values.community);
    if (!('found' in choice)) {
      io.stderr.write(`${t('moving.community.missing', { name: values.community, stored: (await app.repos.communities.list()).map((c) => c.id).join(', ') || '-' })}\n`);
      return 1;
    }
    const out = partial ? createWriteStream(partial) : io.stdout;
    // Waits for the stream to drain when it asks to, so a large export never piles up in memory.
    const write = async (line: string): Promise<void> => {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    };
    const rows = await exportCommunity(app.db.prisma, choice.found.id, write);
    if (partial && values.out) {
      const file = out as ReturnType<typeof createWriteStream>;
      file.end();
      await once(file, 'close');
      await rename(partial, values.out);
    }
    (values.out ? io.stdout : io.stderr).write(`${t('moving.export.done', { community: choice.found.id, rows, file: values.out ?? 'stdout' })}\n`);
    return 0;
  } catch (error) {
    if (partial) await rm(partial, { force: true });
    return exitWithUserError(error, io, t);
  } finally {
    await app.close();
  }
};
