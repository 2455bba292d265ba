// Runs a `rapport` command in this process (src/cli/main.ts's runCli, or one command of it), with its own output streams.
import { PassThrough } from 'node:stream';
import type { CliCommand } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';

export async function runInProcess(argv: string[], env: Record<string, string>, command: CliCommand = runCli): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await command(argv, { stdin: new PassThrough(), stdout, stderr, env: { LOG_LEVEL: 'warn', ...env } });
  return { code, stdout: out, stderr: err };
}
