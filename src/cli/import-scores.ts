// `rapport import scores --from mee6|csv FILE --community NAME|ID [--create-missing]`: starting
// points from the bot a community leaves (src/core/recognition/imported-points.ts says what they
// count as). The file is read and checked whole before the database is opened; the write is one
// transaction (src/db/imported-score-repository.ts), so a bad file or an unknown name writes nothing.
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config.ts';
import { isUserError } from '../core/errors.ts';
import { parseId } from '../core/ids.ts';
import type { ImportSource } from '../core/recognition/imported-points.ts';
import { parseRecognitionConfig } from '../core/recognition/recognition-config.ts';
import { importScores } from '../db/imported-score-repository.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { parseMee6, parseScoreCsv, type ScoreLine } from '../import/score-files.ts';
import { createLogger } from '../pino-logger.ts';
import { openRapport } from '../open-rapport.ts';
import { chooseCommunity } from './community-choice.ts';
import { exitWithUserError, parseFlags, type CliCommand } from './io.ts';

const SOURCES = new Map<string, ImportSource>([
  ['mee6', 'mee6'],
  ['csv', 'csv'],
]);

export const runImportScores: CliCommand = async (argv, io) => {
  const config = loadConfig(io.env);
  const translator = await createTranslator();
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(config.language, key, vars);
  const { values, flags, rest, errors } = parseFlags(argv, { strings: ['from', 'community'], booleans: ['create-missing'] });
  const source = SOURCES.get(values.from ?? '');
  if (errors.length > 0 || rest.length !== 1 || !source || !values.community) {
    io.stderr.write(`${errors.map((e) => `${e}\n`).join('')}${t('moving.scores.usage')}\n`);
    return 2;
  }
  const file = rest[0]!;
  let lines: ScoreLine[];
  try {
    const text = await readFile(file, 'utf8');
    lines = source === 'mee6' ? parseMee6(text) : parseScoreCsv(text);
  } catch (error) {
    if (isUserError(error)) {
      io.stderr.write(`${file}: ${t(error.key, error.vars)}\n`);
      return 1;
    }
    io.stderr.write(`${t('moving.scores.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message })}\n`);
    return 2;
  }

  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: false, destination: io.stderr });
  const app = await openRapport(config, { database: 'configured', scheduler: 'in-process', logger, adapters: () => [] });
  try {
    const choice = await chooseCommunity(app.repos.communities, values.community);
    const id = 'found' in choice ? choice.found.id : choice.create.id;
    const { platform } = parseId(id);
    if (source === 'mee6' && platform === 'slack') {
      io.stderr.write(`${t('moving.scores.notDiscord', { community: id, platform })}\n`);
      return 1;
    }
    const result = await importScores(app.db.prisma, {
      communityId: id,
      ...('create' in choice ? { create: { name: choice.create.name, language: config.language, timeZone: config.timeZone } } : {}),
      source,
      lines,
      config: parseRecognitionConfig(config.scoring ?? {}),
      at: new Date(),
      createMissing: source === 'mee6' || flags.has('create-missing'),
    });
    const label = source === 'mee6' ? 'MEE6' : 'CSV';
    const count = result.matched + result.created.length - result.optedOut;
    io.stdout.write(`${t('moving.scores.done', { count, community: id, source: label, matched: result.matched, created: result.created.length, optedOut: result.optedOut })}\n`);
    if (result.replaced > 0) io.stdout.write(`${t('moving.scores.replaced', { source: label, count: result.replaced })}\n`);
    return 0;
  } catch (error) {
    return exitWithUserError(error, io, t, file);
  } finally {
    await app.close();
  }
};
