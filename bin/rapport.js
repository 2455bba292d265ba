#!/usr/bin/env node
// Rapport runs its TypeScript sources directly through tsx (no build step). A .env file in the
// working directory is loaded first; variables already set in the environment win.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

if (existsSync('.env')) process.loadEnvFile('.env');
register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
