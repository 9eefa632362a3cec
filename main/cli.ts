#!/usr/bin/env node
// `opsdeck`: the engine without a window. Thin: picks the command and hands
// over; each command lives in main/cli/. Exit codes are run-cli's.
import { pipeSafeOutput } from './cli/pipe-safe-output';
import { INTERNAL_FAILURE_EXIT, runCli } from './cli/run-cli';
import { terminalText } from './cli/terminal-text';
import { errorMessage } from './engine/errors/error-message';

// Everything the CLI creates (data folder, debug log, imported files) is the user's alone.
process.umask(0o077);
const stderr = pipeSafeOutput(process.stderr);
runCli(process.argv.slice(2), { stdout: pipeSafeOutput(process.stdout), stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    stderr.write(`opsdeck: internal error: ${terminalText(errorMessage(error))}\n`);
    process.exitCode = INTERNAL_FAILURE_EXIT;
  },
);
