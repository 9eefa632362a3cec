#!/usr/bin/env node
// `opsdeck`: the engine without a window. Thin: picks the command and hands
// over; each command lives in main/cli/.
import { runCli } from './cli/run-cli';
import { terminalText } from './cli/terminal-text';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`opsdeck: ${terminalText(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 2;
  },
);
