#!/usr/bin/env node
// Entry point: load the TypeScript front end through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
