// `rapport faq import FILE [--community ID] [--replace]`
// Imports a knowledge-base file (.json like eval/datasets/faq/*.kb.json, .md, .csv) into one
// community. Slack and Discord do not hand files to slash commands, so this is how moderators of
// those communities import. The whole file is parsed first (a bad file names its line or entry and
// imports nothing), then written in one transaction. A running bot notices within seconds.
import { readFile } from 'node:fs/promises';
import { CONSOLE_COMMUNITY } from '../adapters/console/translate.ts';
import { DEFAULT_ANSWER_THRESHOLD, KbImportError, kbFormatOf, parseKb, parseSynonymFile, selfCheck, type SynonymGroup } from '../core/answers/index.ts';
import { UserError } from '../core/errors.ts';
import { loadConfig } from '../config.ts';
import { createRepositories } from '../db/create-repositories.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { parseFlags, type CliCommand } from './io.ts';
import { openConfiguredDatabase } from './open-parts.ts';

const USAGE = 'Usage: rapport faq import FILE [--community ID] [--replace]\n       rapport faq import --synonyms FILE [--community ID] [--replace]   (one synonym group per line)\n';

export const runFaqImport: CliCommand = async (argv, io) => {
  const { values, flags, rest, errors } = parseFlags(argv, { strings: ['community'], booleans: ['replace', 'synonyms'] });
  if (errors.length > 0 || rest.length !== 1) {
    io.stderr.write(`${errors.join('\n')}${errors.length > 0 ? '\n' : ''}${USAGE}`);
    return 2;
  }
  const file = rest[0]!;
  const config = loadConfig(io.env);
  const translator = await createTranslator();
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(config.language, key, vars);
  // --synonyms: FILE holds the community's synonym groups (/faq synonyms), one group per line.
  let synonyms: SynonymGroup[] | undefined;
  if (flags.has('synonyms')) {
    try {
      synonyms = parseSynonymFile(await readFile(file, 'utf8'));
    } catch (error) {
      if (error instanceof UserError) {
        io.stderr.write(`${file}: ${t(error.key, error.vars)}\n`);
        return 1;
      }
      io.stderr.write(`${t('synonyms.file.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message })}\n`);
      return 2;
    }
  }
  const format = synonyms ? 'json' : kbFormatOf(file);
  if (!format) {
    io.stderr.write(`${t('answers.import.badFormat', { file })}\n`);
    return 2;
  }
  let entries;
  try {
    entries = synonyms ? [] : parseKb(await readFile(file, 'utf8'), format);
  } catch (error) {
    if (error instanceof KbImportError) {
      io.stderr.write(`${error.describe(config.language)}\n`);
      return 1;
    }
    io.stderr.write(`${t('answers.import.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message })}\n`);
    return 2;
  }

  const db = await openConfiguredDatabase(config);
  try {
    const repos = createRepositories(db.prisma);
    const communities = await repos.communities.list();
    let communityId = values.community;
    if (!communityId) {
      if (communities.length === 1) communityId = communities[0]!.id;
      else if (communities.length === 0) communityId = (await repos.communities.ensure({ id: CONSOLE_COMMUNITY, platform: 'console', name: 'console', language: config.language, timeZone: config.timeZone })).id;
      else {
        io.stderr.write(`Several communities are stored; choose one with --community ID:\n${communities.map((c) => `  ${c.id}  ${c.name}\n`).join('')}`);
        return 2;
      }
    } else if (!communities.some((c) => c.id === communityId)) {
      io.stderr.write(`There is no community ${communityId}. Stored: ${communities.map((c) => c.id).join(', ') || 'none'}.\n`);
      return 2;
    }
    if (synonyms) {
      const r = await repos.synonyms.importAll(communityId, synonyms, { replace: flags.has('replace') });
      io.stdout.write(`${t('synonyms.imported', { file, count: synonyms.length, added: r.added, unchanged: r.unchanged, removed: r.removed })} (${communityId})\n`);
      return 0;
    }
    const result = await repos.knowledgeBase.importAll(communityId, entries, { replace: flags.has('replace') });
    io.stdout.write(`${t('answers.import.done', { file, count: entries.length, added: result.added, updated: result.updated, removed: result.removed })} (${communityId})\n`);
    // The self-calibration a new community's knowledge base gets: its own questions, no labelled ones.
    const [all, settings, groups] = await Promise.all([repos.knowledgeBase.list(communityId), repos.knowledgeBase.settings(communityId), repos.synonyms.list(communityId)]);
    const check = selfCheck(all, { threshold: settings.threshold ?? DEFAULT_ANSWER_THRESHOLD, synonyms: groups.map((g) => g.words) });
    if (check) io.stdout.write(`${t('selfCheck.summary', { ...check })}\n`);
    return 0;
  } finally {
    await db.close();
  }
};
