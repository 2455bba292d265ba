// /faq synonyms add|remove|list|import: a community's own synonym groups, words or short phrases
// that mean the same there ("refund, money back, възстановяване"). They widen every search of the
// community's knowledge base (English and Bulgarian, through the index's stemming); Rapport ships
// none. Moderators only; the file import reads a path on the server, so it is for the console
// (on Slack and Discord, a moderator adds groups one by one).
import { z } from 'zod';
import { defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { UserError } from '../src/core/errors.ts';

const ACTIONS = ['add', 'remove', 'list', 'import'] as const;

export const synonymsSubcommand = defineSubcommand({
  description: { en: 'Words that mean the same in this community: add, remove, list or import', bg: 'Думи с еднакво значение в общността: add, remove, list или import' },
  moderatorOnly: true,
  needs: ['answering'],
  options: z.object({
    action: option.choice(ACTIONS, { en: 'add, remove, list or import', bg: 'add, remove, list или import' }, { required: true }) as z.ZodType<(typeof ACTIONS)[number]>,
    words: option.string({ en: 'For add: the words or phrases, separated by commas', bg: 'За add: думите или фразите, разделени със запетаи' }, { max: 1500, rest: true }),
    id: option.integer({ en: 'For remove: the group number from list', bg: 'За remove: номерът на групата от list' }, { min: 1 }),
    path: option.string({ en: 'For import: a file on this computer, one group per line', bg: 'За import: файл на този компютър, по една група на ред' }, { max: 1000 }),
    replace: option.boolean({ en: 'For import: remove the groups the file does not have', bg: 'За import: премахнете групите, които ги няма във файла' }),
  }),
  async run({ options, deps: { answering }, community, reply, t }) {
    const synonyms = answering.synonyms;
    switch (options.action) {
      case 'add': {
        if (options.words === undefined) throw new UserError('synonyms.needWords');
        const record = await synonyms.add(community.id, options.words);
        await reply(t('synonyms.added', { id: record.id, words: record.words.join(', ') }));
        return;
      }
      case 'remove': {
        if (options.id === undefined) throw new UserError('synonyms.needId');
        await synonyms.remove(community.id, options.id);
        await reply(t('synonyms.removed', { id: options.id }));
        return;
      }
      case 'list': {
        const groups = await synonyms.list(community.id);
        if (groups.length === 0) {
          await reply(t('synonyms.empty'), { ephemeral: true });
          return;
        }
        const lines = groups.map((g) => t('synonyms.line', { id: g.id, words: g.words.join(', ') }));
        await reply({ title: t('synonyms.title', { count: groups.length }), text: lines.join('\n') }, { ephemeral: true });
        return;
      }
      case 'import': {
        if (options.path === undefined) throw new UserError('synonyms.needPath');
        // Reading a path on the server is only for the person at its console.
        if (community.platform !== 'console') throw new UserError('synonyms.file.consoleOnly', { community: community.id });
        const result = await synonyms.importFile(community.id, options.path, { replace: options.replace ?? false });
        await reply(t('synonyms.imported', { file: options.path, ...result }));
        return;
      }
    }
  },
});
