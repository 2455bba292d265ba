// Prisma CLI configuration (Prisma 7 keeps connection URLs out of schema.prisma).
// Rapport applies its committed migrations itself (src/db/migrate.ts); this file lets
// `prisma migrate deploy` and `prisma studio` work too where Prisma's native engine is available.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/rapport' },
});
