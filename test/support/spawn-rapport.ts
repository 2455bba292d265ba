// Spawns `rapport` as a long-running process the test can watch and signal (run-cli.ts runs one to its end).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BIN } from './run-cli.ts';

export interface RunningRapport {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  /**
   * What this process logged: its stderr, or, in the console (which logs to RAPPORT_DATA_DIR/rapport.log
   * so log lines stay out of the chat), what it appended to that file since it was spawned.
   */
  log(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export function spawnRapport(args: string[], env: Record<string, string>, nodeArgs: string[] = []): RunningRapport {
  const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  const logFile = env['RAPPORT_DATA_DIR'] ? path.join(env['RAPPORT_DATA_DIR'], 'rapport.log') : undefined;
  const logStart = logFile && existsSync(logFile) ? statSync(logFile).size : 0;
  const log = () => stderr + (logFile && existsSync(logFile) ? readFileSync(logFile).subarray(logStart).toString('utf8') : '');
  return { child, output: () => ({ stdout, stderr }), log, exited };
}
