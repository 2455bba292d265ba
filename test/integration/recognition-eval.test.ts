// Proves `rapport eval ambassadors` replays ubuntu-irc-dev through the full pipeline (a fresh schema on this machine's PostgreSQL) and ranks helpers clearly above ranking by message count (P@10 0.7), and that RAPPORT_SCORING_FILE changes the model it runs.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEvalAmbassadors } from '../../src/cli/eval-ambassadors.ts';
import { COMMUNITY_EXPORTS } from '../../src/cli/bundled-datasets.ts';
import { POSTGRES_URL } from '../support/services.ts';

const DEV = COMMUNITY_EXPORTS.dev.export;

describe('eval ambassadors through the pipeline', () => {
  it('GIVEN the dev export THEN --json prints the fixed shape with Rapport clearly ahead of message count (P@10 0.7)', async () => {
    let out = '';
    let err = '';
    const io = { stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: (t: string) => ((err += t), true) }, env: { DATABASE_URL: POSTGRES_URL, LOG_LEVEL: 'error' } };
    const code = await runEvalAmbassadors(['--slack-export', DEV, '--truth', `${DEV}/ground-truth.json`, '--json'], io);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as { members: number; rapport: { p5: number; p10: number; p20: number }; messageCount: { p5: number; p10: number; p20: number } };
    expect(Object.keys(result)).toEqual(['members', 'rapport', 'messageCount', 'withTies']);
    expect(result.members).toBeGreaterThan(300);
    // Measured with the train-fitted defaults: Rapport 0.8 / 0.7 / 0.8 (0.8 / 0.8 / 0.85 before the one
    // question detector of issue 14); message count 0.6 / 0.7 / 0.6. The margin (summed
    // P@5+P@10+P@20, 0.40 measured, 0.55 before; rounded to hundredths as printed) must stay
    // clear, and no k may be worse.
    const { rapport, messageCount } = result;
    expect(messageCount.p10).toBeCloseTo(0.7);
    expect(Math.round((rapport.p5 + rapport.p10 + rapport.p20 - (messageCount.p5 + messageCount.p10 + messageCount.p20)) * 100) / 100).toBeGreaterThanOrEqual(0.4);
    for (const k of ['p5', 'p10', 'p20'] as const) expect(rapport[k]).toBeGreaterThanOrEqual(messageCount[k]);
  }, 180_000);

  it('GIVEN a scoring file that pays nothing for helping or thanks THEN the same replay puts nobody on the helper board (P@10 0)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rapport-scoring-'));
    const file = path.join(dir, 'scoring.json');
    await writeFile(file, JSON.stringify({ replyWeight: 0, answerWeight: 0, newPersonWeight: 0, thanksWeight: 0, thanksReactionWeight: 0 }));
    let out = '';
    const io = { stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: () => true }, env: { DATABASE_URL: POSTGRES_URL, LOG_LEVEL: 'error', RAPPORT_SCORING_FILE: file } };
    expect(await runEvalAmbassadors(['--slack-export', DEV, '--truth', `${DEV}/ground-truth.json`, '--json'], io)).toBe(0);
    const result = JSON.parse(out) as { rapport: { p10: number }; messageCount: { p10: number } };
    // With no helper points nobody is on the helper board: the model in the file is the one that ran.
    expect(result.rapport.p10).toBe(0);
    expect(result.messageCount.p10).toBeCloseTo(0.7);
  }, 180_000);
});
