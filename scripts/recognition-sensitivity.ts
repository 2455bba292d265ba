// Recognition defaults fitted on the train export only, and their sensitivity on train and dev.
//
//   npx tsx scripts/recognition-sensitivity.ts --search        # the search on train (prints each step)
//   npx tsx scripts/recognition-sensitivity.ts [--json]        # the sensitivity table at the defaults
//
// Both replay the bundled Ubuntu IRC exports (eval/datasets/) through the recognition engine with an
// in-memory store (replayForRanking, what `rapport eval ambassadors` ranks with, minus the database)
// and score the helper ranking with P@5/10/20 against the ground truth.
//
// --search: one greedy pass over KNOBS in their order; each knob is tried at 0.5x and 1.5x of its
// current value with every other knob held, and the change is kept only when it raises P@5+P@10+P@20
// on train, or leaves it equal and raises the mean of P@1 ... P@30 on train (a finer reading of the
// same ranking: P@5/10/20 move in steps of 0.05-0.2 and are flat over most of the range). Otherwise
// the current value stays. The dev export is never read. The result is what
// recognition-config.ts ships; docs/evaluation.md records the steps.
//
// Default: for each knob, P@5/P@10/P@20 on train and on dev at 0.5x, 1x and 1.5x of the shipped
// default (one knob at a time), beside ranking by message count.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateAmbassadors, precisionAtK, readTruth, replayForRanking, type PrecisionAtK } from '../src/cli/eval-ambassadors.ts';
import { defaultRecognitionConfig, type RecognitionConfig, type RecognitionConfigInput } from '../src/core/recognition/recognition-config.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPLITS = {
  train: { export: path.join(ROOT, 'eval/datasets/ubuntu-irc-train/export.zip'), truth: path.join(ROOT, 'eval/datasets/ubuntu-irc-train/ground-truth.json') },
  dev: { export: path.join(ROOT, 'eval/datasets/ubuntu-irc-dev'), truth: path.join(ROOT, 'eval/datasets/ubuntu-irc-dev/ground-truth.json') },
} as const;
type Split = keyof typeof SPLITS;

/** The knobs that decide who earns helper points and how many (the helper board's inputs). */
export const KNOBS = [
  'replyWeight', 'answerWeight', 'newPersonWeight', 'thanksWeight', 'thanksReactionWeight', 'pairDecay',
  'namePrefixConfidence', 'nameInTextConfidence', 'conversationConfidence', 'openQuestionConfidence', 'minConfidence',
  'answerWindowMinutes', 'conversationWindowMinutes',
] as const satisfies ReadonlyArray<keyof RecognitionConfig>;
type Knob = (typeof KNOBS)[number];

/** Confidences and shares live in [0, 1]. */
const UNIT = new Set<Knob>(['pairDecay', 'namePrefixConfidence', 'nameInTextConfidence', 'conversationConfidence', 'openQuestionConfidence', 'minConfidence']);

function scaled(knob: Knob, value: number, factor: number): number {
  const v = Math.round(value * factor * 1000) / 1000;
  return UNIT.has(knob) ? Math.min(1, v) : v;
}

interface Measured { rapport: PrecisionAtK; messageCount: PrecisionAtK; /** Mean of P@1 ... P@30 of Rapport's ranking. */ fine: number }

async function measure(split: Split, config: RecognitionConfigInput): Promise<Measured> {
  const { export: dir, truth } = SPLITS[split];
  const r = await evaluateAmbassadors(dir, truth, (d) => replayForRanking(d, { config }));
  const ids = (await readTruth(truth)).map((h) => h.user);
  let fine = 0;
  for (let k = 1; k <= 30; k++) fine += precisionAtK(r.replay.byHelperScore, ids, k) / 30;
  return { rapport: r.rapport, messageCount: r.messageCount, fine: Math.round(fine * 10000) / 10000 };
}

const sum = (p: PrecisionAtK) => Math.round((p.p5 + p.p10 + p.p20) * 100) / 100;
const fmt = (p: PrecisionAtK) => `${p.p5.toFixed(2)} / ${p.p10.toFixed(2)} / ${p.p20.toFixed(2)}`;

async function search(): Promise<void> {
  const current: Record<string, number> = {};
  let best = await measure('train', current);
  console.log(`start (shipped defaults): train P@5/10/20 ${fmt(best.rapport)} (sum ${sum(best.rapport)}, mean P@1-30 ${best.fine}); message count ${fmt(best.messageCount)}`);
  for (const knob of KNOBS) {
    const base = current[knob] ?? defaultRecognitionConfig[knob];
    let chosen = base;
    for (const factor of [0.5, 1.5]) {
      const value = scaled(knob, base, factor);
      if (value === base) continue;
      const m = await measure('train', { ...current, [knob]: value });
      const keep = sum(m.rapport) > sum(best.rapport) || (sum(m.rapport) === sum(best.rapport) && m.fine > best.fine);
      console.log(`${knob} ${base} -> ${value}: train ${fmt(m.rapport)} (sum ${sum(m.rapport)}, mean P@1-30 ${m.fine})${keep ? '  kept' : ''}`);
      if (keep) { best = m; chosen = value; }
    }
    if (chosen !== base) current[knob] = chosen;
  }
  console.log(`\nresult: ${JSON.stringify(current)}\ntrain P@5/10/20 ${fmt(best.rapport)} (sum ${sum(best.rapport)}, mean P@1-30 ${best.fine})`);
}

async function table(json: boolean): Promise<void> {
  const rows: Array<{ knob: string; value: number; factor: number; train: PrecisionAtK; dev: PrecisionAtK }> = [];
  const base = { train: await measure('train', {}), dev: await measure('dev', {}) };
  for (const knob of KNOBS) {
    const value = defaultRecognitionConfig[knob];
    for (const factor of [0.5, 1, 1.5]) {
      const v = scaled(knob, value, factor);
      const m = factor === 1 ? base : { train: await measure('train', { [knob]: v }), dev: await measure('dev', { [knob]: v }) };
      rows.push({ knob, value: v, factor, train: m.train.rapport, dev: m.dev.rapport });
    }
  }
  if (json) {
    console.log(JSON.stringify({ defaults: { train: base.train, dev: base.dev }, rows }));
    return;
  }
  console.log(`defaults: train ${fmt(base.train.rapport)}, dev ${fmt(base.dev.rapport)}; message count: train ${fmt(base.train.messageCount)}, dev ${fmt(base.dev.messageCount)}\n`);
  console.log('| knob | value | train P@5 / P@10 / P@20 | dev P@5 / P@10 / P@20 |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) {
    const label = r.factor === 1 ? `**${r.value}** (default)` : `${r.value} (${r.factor === 0.5 ? '−50%' : '+50%'})`;
    console.log(`| ${r.factor === 0.5 ? r.knob : ''} | ${label} | ${fmt(r.train)} | ${fmt(r.dev)} |`);
  }
}

const args = process.argv.slice(2);
if (args.includes('--search')) await search();
else await table(args.includes('--json'));
