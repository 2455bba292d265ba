// Dependency rules, checked by test/unit/dependency-rules.test.ts on every `npm test`
// (run by hand: npx depcruise src commands bin). Type-only imports count (tsPreCompilationDeps):
// a type-only cycle still ties two modules together for a reader and for the compiler.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only ones included. Move the shared types to a leaf module (see src/core/language.ts, src/core/commands/catalog.ts).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-platform-neutral',
      severity: 'error',
      comment: 'src/core speaks in domain events and ports; Slack, Discord, BullMQ, Redis, Prisma and the database drivers belong in src/adapters, src/jobs and src/db (docs/architecture.md).',
      from: { path: '(^|/)src/core/' },
      to: {
        path: ['node_modules/(@slack/|discord\\.js|@discordjs/|bullmq|ioredis|@prisma/|prisma/|pg/|pg-|@electric-sql/|pglite-prisma-adapter)', '(^|/)prisma/generated/', '(^|/)src/(adapters|db|jobs|web|cli)/'],
      },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Prisma's generated client has cycles of its own; it is generated, not ours to shape.
    doNotFollow: { path: ['node_modules', '(^|/)prisma/generated/'] },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
