// Proves `rapport eval ambassadors` prints the fixed JSON shape, runs on the bundled exports with no arguments (dev) or --split train (a ZIP), rejects mixed options, and that Rapport's helper ranking beats ranking by message count by a clear margin on the train export (where its defaults were fitted) and on the dev export (never used to choose them).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateAmbassadors, precisionAtK, precisionAtKWithTies, replayForRanking, runEvalAmbassadors, type PrecisionAtK } from '../../../src/cli/eval-ambassadors.ts';
import { COMMUNITY_EXPORTS } from '../../../src/cli/bundled-datasets.ts';
import { compareTs, openSlackExport } from '../../../src/import/slack-export-reader.ts';

const DEV = COMMUNITY_EXPORTS.dev.export;

const sum = (p: Record<string, number>) => (p.p5 ?? 0) + (p.p10 ?? 0) + (p.p20 ?? 0);

/**
 * The margin over message count: summed P@5 + P@10 + P@20 at least 0.4 higher, and no k worse.
 * Measured at the defaults: train 2.75 vs 2.20 (0.55); dev 2.30 vs 1.90 (0.40, since the one
 * question detector of issue 14; 2.45, a margin of 0.55, before).
 */
function expectClearMargin(rapport: Record<string, number>, messageCount: Record<string, number>): void {
  // Rounded to hundredths, as the figures are printed: 0.8 + 0.7 + 0.8 - 1.9 is 0.3999... in floating point.
  expect(Math.round((sum(rapport) - sum(messageCount)) * 100) / 100).toBeGreaterThanOrEqual(0.4);
  for (const k of ['p5', 'p10', 'p20']) expect(rapport[k]).toBeGreaterThanOrEqual(messageCount[k] ?? 1);
}

function capture(): { io: { stdout: { write(t: string): boolean }; stderr: { write(t: string): boolean } }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t) => ((out += t), true) }, stderr: { write: (t) => ((err += t), true) } },
    out: () => out,
    err: () => err,
  };
}

describe('eval ambassadors', () => {
  it('GIVEN the dev export THEN --json prints members and P@5/10/20 for Rapport and message count, Rapport ahead by a clear margin, plus a tie-aware figure', async () => {
    const { io, out } = capture();
    const code = await runEvalAmbassadors(['--slack-export', DEV, '--truth', `${DEV}/ground-truth.json`, '--json'], io, { replay: (dir) => replayForRanking(dir) });
    expect(code).toBe(0);
    const result = JSON.parse(out()) as { members: number; rapport: Record<string, number>; messageCount: Record<string, number>; withTies: { rapport: Record<string, number> } };
    expect(Object.keys(result)).toEqual(['members', 'rapport', 'messageCount', 'withTies']);
    expect(Object.keys(result.rapport)).toEqual(['p5', 'p10', 'p20']);
    expect(result.members).toBeGreaterThan(300);
    for (const k of ['p5', 'p10', 'p20']) expect(result.withTies.rapport[k]).toBeGreaterThanOrEqual(result.rapport[k] ?? 1);
    expectClearMargin(result.rapport, result.messageCount);
  }, 60_000);

  it('GIVEN no arguments THEN it evaluates the bundled dev export against its own truth file and prints the P@k table', async () => {
    const { io, out } = capture();
    const replayed: string[] = [];
    const code = await runEvalAmbassadors([], io, { replay: (dir) => (replayed.push(dir), replayForRanking(dir)) });
    expect(code).toBe(0);
    expect(replayed).toEqual([COMMUNITY_EXPORTS.dev.export]);
    expect(out()).toContain(`Ambassador evaluation: ${DEV}`);
    expect(out()).toMatch(/^2320 messages, 345 members/m);
    expect(out()).toMatch(/^Rapport +\d\.\d\d +\d\.\d\d +\d\.\d\d$/m);
  }, 60_000);

  it('GIVEN --split train THEN the bundled train ZIP is replayed and judged against the train truth file', async () => {
    const { io, out } = capture();
    const replayed: string[] = [];
    // Ranks the train truth's own top 20 in order: P@k is then 1, which only the train truth file gives.
    const truth = (JSON.parse(readFileSync(COMMUNITY_EXPORTS.train.truth, 'utf8')) as { helpers: Array<{ user: string; distinct_users_helped: number }> }).helpers;
    const top = [...truth].sort((a, b) => b.distinct_users_helped - a.distinct_users_helped).map((h) => h.user).filter((u, i, all) => all.indexOf(u) === i);
    const code = await runEvalAmbassadors(['--split', 'train', '--json'], io, {
      replay: async (dir) => (replayed.push(dir), { byHelperScore: top, byMessageCount: [], messages: 0, seconds: 1, members: 6321 }),
    });
    expect(code).toBe(0);
    expect(replayed).toEqual([COMMUNITY_EXPORTS.train.export]);
    expect(replayed[0]).toMatch(/ubuntu-irc-train\/export\.zip$/);
    expect(JSON.parse(out())).toMatchObject({ members: 6321, rapport: { p5: 1, p10: 1, p20: 1 }, messageCount: { p5: 0, p10: 0, p20: 0 } });
  });

  it('GIVEN the bundled train export THEN the export reader opens the ZIP in place: its 6,321 members and its messages in order', async () => {
    const exp = await openSlackExport(COMMUNITY_EXPORTS.train.export);
    try {
      // users.json has 6,367 entries: some members appear once per nickname under one id.
      expect(exp.users.size).toBe(6321);
      let read = 0;
      let last = '0';
      for await (const message of exp.messages()) {
        expect(compareTs(last, message.ts)).toBeLessThanOrEqual(0);
        last = message.ts;
        if (++read === 2000) break;
      }
      expect(read).toBe(2000);
    } finally {
      await exp.close();
    }
  });

  describe('on the train export (one replay, about 60,000 messages)', () => {
    let train: { rapport: PrecisionAtK; messageCount: PrecisionAtK };
    beforeAll(async () => {
      train = await evaluateAmbassadors(COMMUNITY_EXPORTS.train.export, COMMUNITY_EXPORTS.train.truth, (dir) => replayForRanking(dir));
    }, 240_000);

    it('GIVEN the defaults fitted on it THEN Rapport beats message count by a clear margin', () => {
      expectClearMargin({ ...train.rapport }, { ...train.messageCount });
    });
  });

  it.each([
    [['--json', '--slack-export', DEV], '--slack-export and --truth are required together'],
    [['--truth', `${DEV}/ground-truth.json`], '--slack-export and --truth are required together'],
    [['--split', 'test'], '--split must be dev or train, not "test"'],
    [['--split', 'dev', '--slack-export', DEV, '--truth', `${DEV}/ground-truth.json`], '--split picks a bundled export'],
  ])('GIVEN the options %j THEN it explains the problem, prints usage and exits 2', async (argv, message) => {
    const { io, err } = capture();
    expect(await runEvalAmbassadors(argv, io)).toBe(2);
    expect(err()).toContain(message);
    expect(err()).toContain('usage: rapport eval ambassadors --slack-export DIR|ZIP --truth FILE [--json]');
  });

  it('GIVEN rankings THEN P@k is the overlap of the two top-k lists divided by k', () => {
    expect(precisionAtK(['a', 'b', 'x', 'y'], ['b', 'a', 'c', 'd'], 2)).toBe(1);
    expect(precisionAtK(['a', 'x'], ['a', 'b'], 2)).toBe(0.5);
    expect(precisionAtK(['a'], ['a', 'b'], 2)).toBe(0.5);
    const truth = [
      { user: 'a', helped: 5 },
      { user: 'b', helped: 3 },
      { user: 'c', helped: 3 },
    ];
    expect(precisionAtK(['a', 'c'], truth.map((t) => t.user), 2)).toBe(0.5);
    expect(precisionAtKWithTies(['a', 'c'], truth, 2)).toBe(1);
  });
});
