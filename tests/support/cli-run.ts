// Runs the opsdeck CLI with captured output: in-process, or as a real `node`
// process (a bundle of main/cli.ts) where exit codes and pipes are the point.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../main/cli/run-cli';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import type { SecretStore } from '../../main/engine/secrets/secret-store';
import { useTempDir } from './temp-dir';

/** The keychain of in-process CLI runs: one per test file, never the developer's own. */
const testKeychain = new MemorySecretStore();

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runOpsdeck(args: string[], env: Record<string, string | undefined> = {}, secrets: SecretStore = testKeychain): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { HOME: process.env.HOME, ...env },
    secrets,
  });
  return { code, stdout, stderr };
}

export interface DemoCommand {
  /** `opsdeck COMMAND --demo --accept-new --data-dir DATA …args`, with the file's own folder as HOME. */
  run(args: string[]): Promise<CliResult>;
  /** The data folder every run of the file shares (`data` in its folder). */
  readonly dataDir: string;
}

/** Registers beforeAll/afterAll: one command of the CLI on the demo fleet, with a HOME and data folder private to the test file. */
export function useDemoCommand(command: string, prefix: string): DemoCommand {
  const home = useTempDir(prefix);
  return {
    get dataDir() {
      return join(home.path, 'data');
    },
    run(args) {
      return runOpsdeck([command, '--demo', '--accept-new', '--data-dir', this.dataDir, ...args], { HOME: home.path });
    },
  };
}

/** The usage errors every per-host command shares: no --host exits 2; an unknown host exits 2, named. */
export async function expectHostUsageErrors(demo: DemoCommand): Promise<void> {
  expect((await demo.run([])).code).toBe(2);
  const unknown = await demo.run(['--host', 'nosuch.nj']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/no host "nosuch\.nj"/);
}

export interface ProcessRunOptions {
  env?: NodeJS.ProcessEnv;
  /** Options for node itself, before the script (`--max-old-space-size=1024`). */
  nodeOptions?: string[];
  /** Written to its stdin, which is then closed; without it the child has no stdin. */
  stdin?: string | Buffer;
  /** Its stdout pipe closed before it writes: the reader of `| head -1` gone. */
  closeStdout?: boolean;
}

/** Runs the bundled CLI (`useBundledChild('main/cli.ts')`) in its own `node` process, to its exit. */
export function runOpsdeckProcess(cli: string, args: string[], options: ProcessRunOptions = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), cli, ...args], {
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    if (options.closeStdout) child.stdout!.destroy();
    else child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr }));
    if (options.stdin !== undefined) {
      // A child refusing a large input exits before reading it all: EPIPE here is expected.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(options.stdin);
    }
  });
}
