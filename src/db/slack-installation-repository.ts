// Slack installations (Bolt's InstallationStore rows) and OAuth states in PostgreSQL. An
// installation is stored sealed (secret-box.ts): the tokens in it are never written in clear.
// A state row is deleted by the statement that reads it, so a state opens one install only.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { SlackInstallationRecords, SlackOAuthStateRecords } from '../adapters/slack/installation-store.ts';
import type { SecretBox } from './secret-box.ts';

export function createSlackInstallationRepository(prisma: PrismaClient, box: SecretBox): SlackInstallationRecords {
  return {
    async save(key, ids, installation) {
      const sealed = box.seal(JSON.stringify(installation));
      const data = { teamId: ids.teamId ?? null, enterpriseId: ids.enterpriseId ?? null, sealed };
      await prisma.slackInstallation.upsert({ where: { key }, create: { key, ...data }, update: data });
    },
    async find(key) {
      const row = await prisma.slackInstallation.findUnique({ where: { key } });
      return row ? (JSON.parse(box.open(row.sealed)) as unknown) : null;
    },
    async remove(key) {
      const { count } = await prisma.slackInstallation.deleteMany({ where: { key } });
      return count > 0;
    },
  };
}

export function createSlackOAuthStateRepository(prisma: PrismaClient): SlackOAuthStateRecords {
  return {
    async put(id, installOptions, expiresAt) {
      // Old states nobody came back with are cleared as new ones are made.
      await prisma.slackOAuthState.deleteMany({ where: { expiresAt: { lt: new Date() } } });
      await prisma.slackOAuthState.create({ data: { id, installOptions: installOptions as object, expiresAt } });
    },
    async take(id, now) {
      // DELETE ... RETURNING: of two requests with the same state, one gets the row, the other nothing.
      const rows = await prisma.$queryRawUnsafe<Array<{ installOptions: unknown; expiresAt: Date }>>(`DELETE FROM "SlackOAuthState" WHERE "id" = $1 RETURNING "installOptions", "expiresAt"`, id);
      const row = rows[0];
      if (!row || new Date(row.expiresAt).getTime() <= now.getTime()) return null;
      return typeof row.installOptions === 'string' ? (JSON.parse(row.installOptions) as unknown) : row.installOptions;
    },
  };
}
