// Where the evaluation data bundled with the repository lives (eval/datasets/, sources and
// licences in its README), and which files the no-argument forms of `rapport eval ...` and
// `rapport bench ...` use. Resolved from this file, not from the working directory, so
// `npx rapport eval answers` works from any folder (bin/compiled-cli.js keeps import.meta.url
// pointing at this source file in the compiled build too).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATASETS_DIR = fileURLToPath(new URL('../../eval/datasets/', import.meta.url));

/** The FAQ knowledge bases and query sets (`*.kb.json`, `*.dev.jsonl`), with a trailing slash. */
export const FAQ_DIR = join(DATASETS_DIR, 'faq') + '/';

/**
 * What `rapport eval answers` evaluates with no arguments: each knowledge base on its dev set and on
 * the 200 CLINC150 off-topic questions, which it must not answer (the published figures count
 * them for all three; shop-bg's dev set also has 3 off-topic questions of its own).
 */
export const BUNDLED_ANSWER_SETS: ReadonlyArray<{ kb: string; queries: readonly string[] }> = [
  { kb: join(FAQ_DIR, 'stackfaq.kb.json'), queries: [join(FAQ_DIR, 'stackfaq.dev.jsonl'), join(FAQ_DIR, 'out-of-scope.dev.jsonl')] },
  { kb: join(FAQ_DIR, 'banking77.kb.json'), queries: [join(FAQ_DIR, 'banking77.dev.jsonl'), join(FAQ_DIR, 'out-of-scope.dev.jsonl')] },
  { kb: join(FAQ_DIR, 'shop-bg.kb.json'), queries: [join(FAQ_DIR, 'shop-bg.dev.jsonl'), join(FAQ_DIR, 'out-of-scope.dev.jsonl')] },
];

export type CommunitySplit = 'dev' | 'train';

/** The Ubuntu IRC community as Slack exports (the train one zipped, as Slack delivers it), with their ground truth. */
export const COMMUNITY_EXPORTS: Readonly<Record<CommunitySplit, { export: string; truth: string }>> = {
  dev: { export: join(DATASETS_DIR, 'ubuntu-irc-dev'), truth: join(DATASETS_DIR, 'ubuntu-irc-dev', 'ground-truth.json') },
  train: { export: join(DATASETS_DIR, 'ubuntu-irc-train', 'export.zip'), truth: join(DATASETS_DIR, 'ubuntu-irc-train', 'ground-truth.json') },
};
