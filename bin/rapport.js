#!/usr/bin/env node
// Rapport is written in TypeScript and has no build step to run by hand: the first start after a
// source change compiles it to JavaScript in node_modules/.cache (compiled-cli.js explains why),
// later starts run that directly. RAPPORT_TSX=1 runs the sources through tsx instead, and so does
// a start where compiling fails (for example a read-only node_modules), after saying why.
// A .env file in the working directory is loaded first; variables already set in the environment win.
import { existsSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

// V8's heap is sized for speed on machines with memory to spare; Rapport's work is bursts of
// short-lived objects per event or batch, so most of what a larger heap holds is garbage not yet
// collected. Replaying 59,000 messages (`rapport bench replay`) peaked at ~330 MB of resident
// memory with V8's defaults, of which ~100 MB was live. Two limits:
// - After a full collection the old generation may grow by 30% of what survived before the next
//   one (V8's own factor goes up to 4x; this was 50% before the young generation was limited).
// - The young generation stops growing at 8 MB (two 4 MB semi-spaces) instead of V8's 32 MB; V8
//   also adds that size to the old generation's limit. `--max-semi-space-size` only applies on
//   the command line, so growth is switched off (semi-space-growth-factor=1, read at each resize)
//   once a collection finds it there. With both: 247-259 MB instead of 305-314 MB, for 5-10% of
//   the replay's speed (more young collections; see docs/evaluation.md).
// Live data is never limited.
const YOUNG_GENERATION_BYTES = 8 * 1_048_576;
v8.setFlagsFromString('--heap-growing-percent=30');
{
  const youngSize = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
  const stopGrowing = new PerformanceObserver(() => {
    if (youngSize() < YOUNG_GENERATION_BYTES) return;
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    stopGrowing.disconnect();
  });
  stopGrowing.observe({ entryTypes: ['gc'] });
}

if (existsSync('.env')) process.loadEnvFile('.env');

// `rapport start` stops on SIGTERM or SIGINT at any moment, start-up included: before the command
// runs there is nothing to flush and it exits at once; once it runs it is asked to stop (it closes
// what it opened, flushing what it holds) and gets STOP_DEADLINE_MS to do so before the process
// exits anyway, so a stop never takes more than 10 s. A clean stop exits with code 0 (what process
// managers expect of a graceful shutdown); one cut short by the deadline with code 1.
const STOP_DEADLINE_MS = 9_000;
const stopping = new AbortController();
let commandRunning = false;
function requestStop(reason) {
  if (!commandRunning) process.exit(0);
  if (stopping.signal.aborted) return;
  stopping.abort(reason);
  setTimeout(() => {
    process.stderr.write(`rapport: still stopping ${STOP_DEADLINE_MS / 1000} s after ${reason}; exiting now\n`);
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
}
const longRunning = process.argv[2] === 'start';
if (longRunning) {
  process.on('SIGTERM', () => requestStop('SIGTERM'));
  process.on('SIGINT', () => requestStop('SIGINT'));
}

async function loadCli() {
  if (process.env.RAPPORT_TSX !== '1') {
    try {
      const { compiledCli } = await import('./compiled-cli.js');
      return await import(await compiledCli());
    } catch (error) {
      process.stderr.write(`rapport: running the TypeScript sources through tsx (compiling them failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})\n`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}

const { runCli } = await loadCli();
commandRunning = true;
const shutdown = longRunning ? { signal: stopping.signal, request: requestStop } : undefined;
const code = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, ...(shutdown ? { shutdown } : {}) });
process.exitCode = code;
// After a stop, or a start that failed, leave even if a library keeps a handle open (a socket, a
// timer): at once after a stop, and after a start that failed once what it wrote has drained (or 1 s).
if (stopping.signal.aborted) process.exit(code);
if (longRunning && code !== 0) setTimeout(() => process.exit(code), 1_000).unref();
