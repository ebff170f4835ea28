#!/usr/bin/env node
// Installed entry: runs the CLI from its sources through the tsx loader.
import { register } from 'tsx/esm/api';
register();
const { runCli } = await import('../cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
