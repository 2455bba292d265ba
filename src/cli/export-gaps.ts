// `rapport export gaps [--format csv|json] [--community ID] [--days N]`
// The knowledge gaps of one community (src/core/learning/knowledge-gaps.ts): the questions Rapport
// did not answer and the answers askers said did not help, over the last N days (7), grouped by
// topic. CSV has one row per question with its group; JSON has the groups with their questions.
// Moderators act on a question with /faq adopt id:N (new entry from the best reply) or
// /faq adopt id:N entry:KEY (a phrasing of that entry).
import { loadConfig } from '../config.ts';
import { createKnowledgeGaps, gapsCsv } from '../core/learning/knowledge-gaps.ts';
import { createRepositories } from '../db/create-repositories.ts';
import { parseFlags, type CliCommand } from './io.ts';
import { openConfiguredDatabase } from './open-parts.ts';

const USAGE = 'Usage: rapport export gaps [--format csv|json] [--community ID] [--days N]\n';

export const runExportGaps: CliCommand = async (argv, io) => {
  const { values, rest, errors } = parseFlags(argv, { strings: ['format', 'community', 'days'] });
  const format = values.format ?? 'csv';
  const days = values.days === undefined ? 7 : Number(values.days);
  if (errors.length > 0 || rest.length > 0 || (format !== 'csv' && format !== 'json') || !Number.isInteger(days) || days < 1 || days > 3650) {
    const problems = [...errors, ...(format !== 'csv' && format !== 'json' ? [`--format must be csv or json, not "${format}"`] : []), ...(!Number.isInteger(days) || days < 1 || days > 3650 ? [`--days must be a whole number from 1 to 3650, not "${values.days}"`] : [])];
    io.stderr.write(`${problems.join('\n')}${problems.length > 0 ? '\n' : ''}${USAGE}`);
    return 2;
  }
  const config = loadConfig(io.env);
  const db = await openConfiguredDatabase(config);
  try {
    const repos = createRepositories(db.prisma);
    const communities = await repos.communities.list();
    const communityId = values.community ?? (communities.length === 1 ? communities[0]!.id : undefined);
    if (!communityId || !communities.some((c) => c.id === communityId)) {
      io.stderr.write(values.community ? `There is no community ${values.community}. Stored: ${communities.map((c) => c.id).join(', ') || 'none'}.\n` : `Choose a community with --community ID. Stored: ${communities.map((c) => c.id).join(', ') || 'none'}.\n`);
      return 2;
    }
    const report = await createKnowledgeGaps({ answerLogs: repos.answerLogs, now: () => new Date() }).report(communityId, { days });
    io.stdout.write(format === 'csv' ? gapsCsv(report) : `${JSON.stringify({ community: communityId, ...report })}\n`);
    return 0;
  } finally {
    await db.close();
  }
};
