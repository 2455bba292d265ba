// Proves the dependency rules hold (no import cycle, type-only ones included, and a platform-neutral src/core) over src, commands and bin, and that the check really finds a type-only cycle and a core module importing BullMQ.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEPCRUISE = fileURLToPath(new URL('../../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

async function cruise(...paths: string[]): Promise<Violation[]> {
  // depcruise exits non-zero when it finds violations; the JSON report is on stdout either way.
  const { stdout } = await promisify(execFile)(process.execPath, [DEPCRUISE, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...paths], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string }) => {
    if (!error.stdout) throw new Error(`depcruise did not run: ${error.stderr ?? String(error)}`);
    return { stdout: error.stdout };
  });
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('dependency rules', () => {
  // One run over both fixtures (a type-only cycle, a core module importing BullMQ).
  let fixtures: Promise<Violation[]> | undefined;
  const fixtureViolations = () => (fixtures ??= cruise('test/fixtures/dependency-rules'));

  it('GIVEN src, commands and bin THEN depcruise finds no violation', async () => {
    const violations = await cruise('src', 'commands', 'bin');
    expect(violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  it('GIVEN two modules that import each other only for types THEN the check reports the cycle', async () => {
    const violations = await fixtureViolations();
    const cycles = violations.filter((v) => v.rule.name === 'no-circular');
    expect(cycles.length).toBeGreaterThan(0);
    expect(new Set(cycles.flatMap((v) => [v.from, v.to]))).toEqual(new Set(['test/fixtures/dependency-rules/cycle/customer.ts', 'test/fixtures/dependency-rules/cycle/order.ts']));
  });

  it('GIVEN a src/core module that imports BullMQ THEN the check refuses it', async () => {
    const refused = (await fixtureViolations()).filter((v) => v.rule.name === 'core-is-platform-neutral');
    expect(refused.map((v) => [v.from, v.to])).toEqual([['test/fixtures/dependency-rules/src/core/uses-bullmq.ts', expect.stringContaining('bullmq')]]);
  });
});
