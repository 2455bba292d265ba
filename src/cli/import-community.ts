// `rapport import community FILE [--community NEW_NAME]`: loads an archive written by `rapport export
// community` (src/db/community-import.ts), read line by line (node:readline), in one transaction.
// The header is checked before the database is opened: a file from a newer Rapport is refused first.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.ts';
import { importCommunity, readArchiveHeader, type ArchiveLine } from '../db/community-import.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { isCommunityName } from '../import/into-community.ts';
import { createLogger } from '../pino-logger.ts';
import { openRapport } from '../open-rapport.ts';
import { exitWithUserError, parseFlags, type CliCommand } from './io.ts';

async function* numbered(file: string): AsyncGenerator<ArchiveLine> {
  const reader = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of reader) yield { line: ++line, text };
}

export const runImportCommunity: CliCommand = async (argv, io) => {
  const config = loadConfig(io.env);
  const translator = await createTranslator();
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(config.language, key, vars);
  const { values, rest, errors } = parseFlags(argv, { strings: ['community'] });
  if (errors.length > 0 || rest.length !== 1) {
    io.stderr.write(`${errors.map((e) => `${e}\n`).join('')}${t('moving.import.usage')}\n`);
    return 2;
  }
  const file = rest[0]!;
  if (values.community !== undefined && !isCommunityName(values.community)) {
    io.stderr.write(`${t('moving.community.badName', { name: values.community })}\n`);
    return 2;
  }
  try {
    await access(file);
  } catch (error) {
    io.stderr.write(`${t('moving.import.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message })}\n`);
    return 2;
  }
  const lines = numbered(file);
  let app: Awaited<ReturnType<typeof openRapport>> | undefined;
  try {
    const header = readArchiveHeader((await lines.next()).value || undefined, file);
    const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: false, destination: io.stderr });
    app = await openRapport(config, { database: 'configured', scheduler: 'in-process', logger, adapters: () => [] });
    const result = await importCommunity(app.db.prisma, header, lines, values.community ? { rename: values.community } : {});
    io.stdout.write(`${t('moving.import.done', { community: result.communityId, file, rows: result.rows })}\n`);
    if (result.scoresToRebuild) io.stdout.write(`${t('moving.import.rebuildScores', { community: result.communityId })}\n`);
    return 0;
  } catch (error) {
    return exitWithUserError(error, io, t, file);
  } finally {
    await lines.return(undefined);
    await app?.close();
  }
};
