import { z } from 'zod';
import { defineCommand, defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { KbImportError, DEFAULT_ANSWER_THRESHOLD, type KbEntry } from '../src/core/answers/index.ts';
import { splitList } from '../src/core/answers/admin/knowledge-admin.ts';
import { UserError } from '../src/core/errors.ts';
import type { OutgoingMessage } from '../src/core/outgoing.ts';
import handoffs from './faq-handoffs.ts';
import { synonymsSubcommand } from './faq-synonyms.ts';
import { faqSuggestions } from './faq-suggestions.ts';
import { faqGaps } from './faq-gaps.ts';

const PAGE = 20;
const KEY = { en: 'The entry id (see /faq list)', bg: 'Идентификаторът на записа (вижте /faq list)' };
const QUESTION_ID = { en: 'The question number from /faq unanswered', bg: 'Номерът на въпроса от /faq unanswered' };
const PHRASINGS = { en: 'Other ways to ask, separated by |', bg: 'Други начини да се попита, разделени с |' };
const TAGS = { en: 'Tags, separated by commas', bg: 'Етикети, разделени със запетаи' };
const LANGUAGE = { en: 'Language of the entry (detected when omitted)', bg: 'Език на записа (разпознава се, ако липсва)' };

const phrasingsOf = (value: string | undefined) => (value === undefined ? undefined : splitList(value, /\|/));
const tagsOf = (value: string | undefined) => (value === undefined ? undefined : splitList(value, /,/));
const short = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\s+/g, ' ');

function entryMessage(entry: KbEntry, t: (key: string, vars?: Record<string, string | number>) => string): OutgoingMessage {
  const none = t('answers.show.none');
  return {
    title: `${entry.id}: ${entry.question}`,
    text: entry.answer,
    fields: [
      { label: t('answers.show.phrasings'), value: entry.phrasings.length > 0 ? entry.phrasings.join(' | ') : none },
      { label: t('answers.show.tags'), value: entry.tags.length > 0 ? entry.tags.join(', ') : none },
      { label: t('answers.show.language'), value: entry.language },
    ],
  };
}

function parseThreshold(value: string): number | null {
  if (/^(default|по подразбиране)$/i.test(value.trim())) return null;
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UserError('answers.threshold.bad', { value });
  return n;
}

const BY_ID = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export default defineCommand({
  name: 'faq',
  description: { en: 'The knowledge base Rapport answers questions from', bg: 'Базата знания, от която Rapport отговаря на въпроси' },
  moderatorOnly: false,
  subcommands: {
    synonyms: synonymsSubcommand,
    suggestions: faqSuggestions,
    gaps: faqGaps,
    list: defineSubcommand({
      description: { en: 'List the entries', bg: 'Покажете записите' },
      needs: ['answering'],
      options: z.object({
        tag: option.string({ en: 'Only entries with this tag', bg: 'Само записи с този етикет' }, { max: 100 }),
        page: option.integer({ en: 'Page number', bg: 'Номер на страница' }, { min: 1, max: 10_000 }),
      }),
      async run({ options, deps: { answering }, community, reply, t }) {
        // By id, numbers in ids compared as numbers (faq-2 before faq-10): pages stay put between calls.
        const all = (await answering.admin.list(community.id)).sort((a, b) => BY_ID.compare(a.id, b.id));
        const entries = options.tag ? all.filter((e) => e.tags.some((tag) => tag.toLowerCase() === options.tag!.toLowerCase())) : all;
        if (entries.length === 0) {
          await reply(t('answers.list.empty'));
          return;
        }
        const pages = Math.ceil(entries.length / PAGE);
        const page = Math.min(options.page ?? 1, pages);
        const lines = entries.slice((page - 1) * PAGE, page * PAGE).map((e) => t('answers.list.line', { key: e.id, question: short(e.question, 100) }));
        if (pages > 1) lines.push(t('answers.list.more', { page, pages, next: page < pages ? page + 1 : 1 }));
        await reply({ title: options.tag ? t('answers.list.titleTag', { tag: options.tag, count: entries.length }) : t('answers.list.title', { count: entries.length }), text: lines.join('\n') });
      },
    }),
    show: defineSubcommand({
      description: { en: 'Show one entry', bg: 'Покажете един запис' },
      needs: ['answering'],
      options: z.object({ id: option.requiredString(KEY, { max: 100 }) }),
      async run({ options, deps: { answering }, community, reply, t }) {
        const entry = await answering.admin.get(community.id, options.id);
        if (!entry) throw new UserError('answers.notFound', { key: options.id });
        await reply(entryMessage(entry, t));
      },
    }),
    ask: defineSubcommand({
      description: { en: 'Show what Rapport would answer, without posting', bg: 'Покажете какво би отговорил Rapport, без да публикува' },
      needs: ['answering'],
      options: z.object({ question: option.requiredString({ en: 'The question', bg: 'Въпросът' }, { max: 2000, rest: true }) }),
      async run({ options, deps: { answering }, community, reply, t }) {
        const { threshold, candidates, isQuestion, answered } = await answering.ask(community.id, options.question);
        const lines = candidates.map((c) => t('answers.ask.line', { key: c.key, confidence: c.confidence, question: short(c.question, 100) }));
        const best = candidates[0];
        const action = answered && best ? t('answers.ask.answer', { key: best.key }) : t('answers.ask.silent');
        lines.push(!isQuestion ? t('answers.ask.notQuestion') : candidates.length === 0 ? t('answers.ask.none') : t('answers.ask.verdict', { action, threshold }));
        await reply({ title: t('answers.ask.title', { question: short(options.question, 100) }), text: lines.join('\n') }, { ephemeral: true });
      },
    }),
    add: defineSubcommand({
      description: { en: 'Add an entry', bg: 'Добавете запис' },
      moderatorOnly: true,
      needs: ['answering'],
      options: z.object({
        question: option.requiredString({ en: 'The question, as people ask it', bg: 'Въпросът, както го задават хората' }, { max: 500 }),
        answer: option.requiredString({ en: 'The answer', bg: 'Отговорът' }, { max: 4000, rest: true }),
        phrasings: option.string(PHRASINGS, { max: 4000 }),
        tags: option.string(TAGS, { max: 500 }),
        language: option.choice(['en', 'bg'], LANGUAGE),
        id: option.string({ en: 'Its id (made from the question when omitted)', bg: 'Идентификатор (създава се от въпроса, ако липсва)' }, { max: 100 }),
      }),
      async run({ options, deps: { answering }, community, reply, t }) {
        const entry = await answering.admin.add(community.id, {
          question: options.question,
          answer: options.answer,
          ...(options.phrasings !== undefined ? { phrasings: phrasingsOf(options.phrasings)! } : {}),
          ...(options.tags !== undefined ? { tags: tagsOf(options.tags)! } : {}),
          ...(options.language ? { language: options.language } : {}),
          ...(options.id ? { key: options.id } : {}),
        });
        await reply(t('answers.added', { key: entry.id, question: entry.question }));
      },
    }),
    edit: defineSubcommand({
      description: { en: 'Change an entry (only the options you give)', bg: 'Променете запис (само дадените опции)' },
      moderatorOnly: true,
      needs: ['answering'],
      options: z.object({
        id: option.requiredString(KEY, { max: 100 }),
        question: option.string({ en: 'New question', bg: 'Нов въпрос' }, { max: 500 }),
        answer: option.string({ en: 'New answer', bg: 'Нов отговор' }, { max: 4000 }),
        phrasings: option.string({ en: 'All phrasings, separated by | ("-" for none)', bg: 'Всички формулировки, разделени с | („-“ за никакви)' }, { max: 4000 }),
        tags: option.string({ en: 'All tags, separated by commas ("-" for none)', bg: 'Всички етикети, разделени със запетаи („-“ за никакви)' }, { max: 500 }),
        language: option.choice(['en', 'bg'], LANGUAGE),
      }),
      async run({ options, deps: { answering }, community, reply, t }) {
        const entry = await answering.admin.edit(community.id, options.id, {
          ...(options.question !== undefined ? { question: options.question } : {}),
          ...(options.answer !== undefined ? { answer: options.answer } : {}),
          ...(options.phrasings !== undefined ? { phrasings: options.phrasings === '-' ? [] : phrasingsOf(options.phrasings)! } : {}),
          ...(options.tags !== undefined ? { tags: options.tags === '-' ? [] : tagsOf(options.tags)! } : {}),
          ...(options.language ? { language: options.language } : {}),
        });
        await reply(t('answers.edited', { key: entry.id }));
      },
    }),
    remove: defineSubcommand({
      description: { en: 'Remove an entry', bg: 'Премахнете запис' },
      moderatorOnly: true,
      needs: ['answering'],
      options: z.object({ id: option.requiredString(KEY, { max: 100 }) }),
      async run({ options, deps: { answering }, community, reply, t }) {
        if (!(await answering.admin.remove(community.id, options.id))) throw new UserError('answers.notFound', { key: options.id });
        await reply(t('answers.removed', { key: options.id }));
      },
    }),
    import: defineSubcommand({
      description: { en: 'Import a .json, .md or .csv file (console; on Slack and Discord use the CLI)', bg: 'Внесете файл .json, .md или .csv (конзола; за Slack и Discord — командния ред)' },
      moderatorOnly: true,
      needs: ['answering'],
      options: z.object({
        path: option.requiredString({ en: 'Path of the file on this computer', bg: 'Път до файла на този компютър' }, { max: 1000 }),
        replace: option.boolean({ en: 'Remove the entries the file does not have', bg: 'Премахнете записите, които ги няма във файла' }),
      }),
      async run({ options, deps: { answering }, community, reply, t, language }) {
        // Reading a path on the server is only for the person at its console.
        if (community.platform !== 'console') throw new UserError('answers.import.consoleOnly', { community: community.id });
        try {
          const { selfCheck, ...result } = await answering.admin.importFile(community.id, options.path, { replace: options.replace ?? false });
          await reply([t('answers.import.done', { file: options.path, ...result }), ...(selfCheck ? [t('selfCheck.summary', { ...selfCheck })] : [])].join('\n'));
        } catch (error) {
          if (error instanceof KbImportError) throw new UserError('answers.import.failed', { message: error.describe(language) }, { cause: error });
          throw error;
        }
      },
    }),
    unanswered: defineSubcommand({
      description: { en: "Questions Rapport could not answer and answers that didn't help", bg: 'Въпроси без отговор и отговори, които не помогнаха' },
      moderatorOnly: true,
      needs: ['members', 'answering'],
      options: z.object({
        limit: option.integer({ en: 'How many (default 10)', bg: 'Колко (по подразбиране 10)' }, { min: 1, max: 50 }),
        id: option.integer({ en: 'Show every reply to this question', bg: 'Покажете всички отговори на този въпрос' }, { min: 1 }),
      }),
      async run({ options, deps: { members, answering }, community, reply, t }) {
        if (options.id !== undefined) {
          const { question, replies } = await answering.unanswered.repliesOf(community.id, options.id);
          const lines: string[] = [];
          for (const r of replies) {
            const author = await members.get(r.authorId);
            lines.push(t('answers.unanswered.replyLine', { reply: r.id, name: author?.displayName ?? r.authorId, reactions: r.reactions, text: short(r.text, 300) }));
          }
          lines.push(replies.length === 0 ? t('answers.unanswered.noReplies') : t('answers.unanswered.adoptHint', { id: options.id }));
          await reply({ title: t('answers.unanswered.repliesTitle', { id: options.id, question: short(question, 100) }), text: lines.join('\n') }, { ephemeral: true });
          return;
        }
        const groups = await answering.unanswered.list(community.id, options.limit ?? 10);
        if (groups.length === 0) {
          await reply(t('answers.unanswered.empty'), { ephemeral: true });
          return;
        }
        const lines: string[] = [];
        for (const g of groups) {
          lines.push(t('answers.unanswered.line', { id: g.id, asked: g.asked, question: short(g.question), unhelpful: g.unhelpful > 0 ? t('answers.unanswered.unhelpful', { count: g.unhelpful }) : '' }));
          const author = g.bestReply ? await members.get(g.bestReply.authorId) : null;
          lines.push(g.bestReply ? t('answers.unanswered.reply', { name: author?.displayName ?? g.bestReply.authorId, text: short(g.bestReply.text, 100) }) : t('answers.unanswered.noReply'));
          if (g.replyCount > 1) lines.push(t('answers.unanswered.more', { count: g.replyCount, id: g.id }));
        }
        lines.push(t('answers.unanswered.footer'));
        await reply({ title: t('answers.unanswered.title'), text: lines.join('\n') }, { ephemeral: true });
      },
    }),
    handoffs,
    adopt: defineSubcommand({
      description: { en: 'Turn a question into a new entry from the best reply, or into a phrasing of an entry', bg: 'Превърнете въпрос в нов запис от най-добрия отговор или във формулировка на запис' },
      moderatorOnly: true,
      needs: ['members', 'answering'],
      options: z.object({
        id: option.integer(QUESTION_ID, { min: 1, required: true }) as z.ZodType<number>,
        entry: option.string({ en: 'Add the question to this entry instead', bg: 'Вместо това добавете въпроса към този запис' }, { max: 100 }),
        reply: option.string({ en: 'Use this reply (id or message id) instead of the best one', bg: 'Използвайте този отговор (номер или id на съобщение) вместо най-добрия' }, { max: 200 }),
      }),
      async run({ options, deps: { members, answering }, community, reply, t }) {
        const outcome = await answering.unanswered.adopt(community.id, options.id, { ...(options.entry ? { entry: options.entry } : {}), ...(options.reply ? { reply: options.reply } : {}) });
        if (outcome.kind === 'created') {
          const author = await members.get(outcome.reply.authorId);
          await reply(t('answers.adopt.created', { key: outcome.entry.id, id: options.id, name: author?.displayName ?? outcome.reply.authorId, resolved: outcome.resolved }));
        } else {
          await reply(t(outcome.kind === 'phrasing' ? 'answers.adopt.phrasing' : 'answers.adopt.already', { key: outcome.entry.id, id: options.id, resolved: outcome.resolved }));
        }
      },
    }),
    dismiss: defineSubcommand({
      description: { en: 'Drop a question from the unanswered list', bg: 'Махнете въпрос от списъка без отговор' },
      moderatorOnly: true,
      needs: ['answering'],
      options: z.object({ id: option.integer(QUESTION_ID, { min: 1, required: true }) as z.ZodType<number> }),
      async run({ options, deps: { answering }, community, reply, t }) {
        const count = await answering.unanswered.dismiss(community.id, options.id);
        await reply(t('answers.dismissed', { id: options.id, count }));
      },
    }),
    threshold: defineSubcommand({
      description: { en: 'Show or set how sure Rapport must be to answer (0 to 1)', bg: 'Покажете или задайте колко сигурен трябва да е Rapport, за да отговори (0 до 1)' },
      moderatorOnly: true,
      needs: ['answering'],
      options: z.object({ value: option.string({ en: 'A number from 0 to 1, or "default"', bg: 'Число от 0 до 1 или „default“' }, { max: 20 }) }),
      async run({ options, deps: { answering }, community, reply, t }) {
        if (options.value === undefined) {
          const value = await answering.admin.threshold(community.id);
          await reply(t('answers.threshold.show', { value, default: DEFAULT_ANSWER_THRESHOLD }));
          return;
        }
        const value = parseThreshold(options.value);
        await answering.admin.setThreshold(community.id, value);
        await reply(t('answers.threshold.saved', { value: value ?? DEFAULT_ANSWER_THRESHOLD }));
      },
    }),
  },
});
