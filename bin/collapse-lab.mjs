#!/usr/bin/env node
// Starts the TypeScript command line under tsx (whose loader worker threads inherit).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');
const result = spawnSync(process.execPath, ['--import', tsx, main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = result.status ?? (result.signal === 'SIGINT' ? 130 : 1);
