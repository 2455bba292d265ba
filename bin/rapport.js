#!/usr/bin/env node
// Rapport is written in TypeScript and has no build step to run by hand: the first start after a
// source change compiles it to JavaScript in node_modules/.cache (compiled-cli.js explains why),
// later starts run that directly. RAPPORT_TSX=1 runs the sources through tsx instead, and so does
// a start where compiling fails (for example a read-only node_modules), after saying why.
// A .env file in the working directory is loaded first; variables already set in the environment win.
import { existsSync } from 'node:fs';
import v8 from 'node:v8';

// The heap may grow by half of what survived the last full collection before the next one. V8's
// own factor goes up to 4x when the machine has memory to spare, and Rapport's work (a burst of
// events, each short-lived) then shows up as resident memory that is only garbage: replaying
// 59,000 messages peaked at ~330 MB with it, ~230 MB with 2x and ~210 MB with 1.5x, at the same
// speed (and four times as many messages at ~265 MB instead of ~300). Live data is never limited.
v8.setFlagsFromString('--heap-growing-percent=50');

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
// After a stop, leave even if a library keeps a handle open (a socket, a timer).
if (stopping.signal.aborted) process.exit(code);
