// How the one question detector (src/core/answers/detect/question-detector.ts) reads a Slack export:
// the share of messages whose text asks for help (asksForHelp >= 0.5, what recognition, the routing
// model and the thread miner read) and that the bot would consider answering (isQuestion, with no
// context beyond the text: the export has no member names), how many of the truth file's
// conversation-opening questions each finds, and the time per message.
//
//   npx tsx scripts/question-detection.ts [train|dev]     (default: train; dev only to report, never to choose)
//
// Nothing here is fitted; it reports. The truth file's `questions` are answered openers found from
// human reply annotations the detector never reads.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectQuestion, scoreQuestion, QUESTION_THRESHOLD } from '../src/core/answers/detect/question-detector.ts';
import { openSlackExport } from '../src/import/slack-export-reader.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const split = process.argv[2] === 'dev' ? 'dev' : 'train';
const dir = path.join(ROOT, 'eval/datasets', `ubuntu-irc-${split}`);
const exportPath = split === 'train' ? path.join(dir, 'export.zip') : dir;
const truth = JSON.parse(await readFile(path.join(dir, 'ground-truth.json'), 'utf8')) as { questions: Array<{ ts: string }> };
const openers = new Set(truth.questions.map((q) => q.ts));

const messages: Array<{ ts: string; text: string }> = [];
const exp = await openSlackExport(exportPath);
try {
  for await (const m of exp.messages()) if (!m.isBot) messages.push({ ts: m.ts, text: m.text });
} finally {
  await exp.close();
}

// Two passes warm the regular expressions up; the third is counted and timed.
for (let pass = 0; pass < 2; pass++) for (const m of messages) detectQuestion(m.text);
const counts = { asks: 0, asksOpeners: 0, question: 0, questionOpeners: 0 };
const started = process.hrtime.bigint();
for (const m of messages) {
  const asks = scoreQuestion(m.text).asksForHelp >= QUESTION_THRESHOLD;
  const question = detectQuestion(m.text).isQuestion;
  if (asks) counts.asks++;
  if (question) counts.question++;
  if (openers.has(m.ts)) {
    if (asks) counts.asksOpeners++;
    if (question) counts.questionOpeners++;
  }
}
const micros = Number(process.hrtime.bigint() - started) / 1000 / messages.length;
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
console.log(`${split}: ${messages.length} messages (bots left out), ${openers.size} answered conversation-opening questions`);
console.log(`asks for help: ${pct(counts.asks, messages.length)} of messages, ${pct(counts.asksOpeners, openers.size)} of the openers (${counts.asksOpeners})`);
console.log(`question for the bot: ${pct(counts.question, messages.length)} of messages, ${pct(counts.questionOpeners, openers.size)} of the openers (${counts.questionOpeners})`);
console.log(`${micros.toFixed(1)} µs per message (one score, read twice through the memo)`);
