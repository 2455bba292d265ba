// `rapport scores rebuild [--community ID]`: recomputes recognition scores from the stored chat
// events (rebuild-scores.ts), for one community or every one. Run it while the bot is stopped (a
// running bot would write back the scores it holds in memory).
import { commands } from '../../commands/index.ts';
import { loadConfig } from '../config.ts';
import { systemClock } from '../core/clock.ts';
import { createRepositories } from '../db/create-repositories.ts';
import { createScoreRebuildRepository } from '../db/score-rebuild-repository.ts';
import { features } from '../feature-list.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { createInProcessScheduler } from '../jobs/in-process-scheduler.ts';
import { createLogger } from '../pino-logger.ts';
import { buildRapport } from '../main.ts';
import { parseFlags, type CliCommand } from './io.ts';
import { openConfiguredDatabase } from './open-parts.ts';

const USAGE = 'Usage: rapport scores rebuild [--community ID]\n';

export const runScoresRebuild: CliCommand = async (argv, io) => {
  const { values, rest, errors } = parseFlags(argv, { strings: ['community'] });
  if (errors.length > 0 || rest.length > 0) {
    io.stderr.write(`${errors.join('\n')}${errors.length > 0 ? '\n' : ''}${USAGE}`);
    return 2;
  }
  const config = loadConfig(io.env);
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: false, destination: io.stderr });
  const db = await openConfiguredDatabase(config);
  try {
    const repos = createRepositories(db.prisma);
    const scoreRebuild = createScoreRebuildRepository(db.prisma);
    const community = values.community;
    if (community && !(await repos.communities.get(community))) {
      io.stderr.write(`There is no community ${community}. Stored: ${(await scoreRebuild.communities()).join(', ') || 'none'}.\n`);
      return 2;
    }
    const rapport = await buildRapport({
      repos,
      scheduler: createInProcessScheduler({ logger }),
      logger,
      clock: systemClock,
      translator: await createTranslator(),
      commands,
      features,
      adapters: [],
      defaults: { language: config.language, timeZone: config.timeZone },
      ...(config.scoring ? { recognition: { config: config.scoring } } : {}),
      scoreRebuild,
    });
    try {
      for (const result of await rapport.rebuildScores(community)) {
        const skipped = result.skipped > 0 ? ` (${result.skipped} events from before payloads were kept could not be replayed)` : '';
        io.stdout.write(`${result.communityId}: scores rebuilt from ${result.events} events${skipped}\n`);
      }
    } finally {
      await rapport.stop();
    }
    return 0;
  } finally {
    await db.close();
  }
};
