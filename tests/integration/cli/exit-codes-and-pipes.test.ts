// The CLI's exit-code policy and its output to a closed pipe, in a real
// `node` process: an internal failure exits 3 with one line on stderr and
// its stack in debug.log (or on stderr with --debug), never 2, which is bad
// usage; `opsdeck audit verify | head -1` (the reader gone before the write)
// prints no EPIPE stack trace and keeps the command's own exit code.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { useBundledChild } from '../../support/bundle-for-child';
import { runOpsdeck, runOpsdeckProcess } from '../../support/cli-run';
import { useTempDir } from '../../support/temp-dir';

const cli = useBundledChild('main/cli.ts');
const dir = useTempDir('opsdeck-exit-codes-');

function runChild(args: string[], options: { closeStdout?: boolean } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runOpsdeckProcess(cli.path, args, { env: { ...process.env, OPSDECK_DATA_DIR: join(dir.path, 'unused') }, ...options });
}

/** A data folder whose store cannot open: `store` is a file, not a folder. */
async function brokenDataDir(name: string): Promise<string> {
  const dataDir = join(dir.path, name);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(join(dataDir, 'store'), 'not a database\n', { mode: 0o600 });
  return dataDir;
}

test('an internal failure exits 3 with one line naming it; the stack goes to debug.log (0600) in the data folder', async () => {
  const dataDir = await brokenDataDir('internal');
  const result = await runChild(['scan', '--demo', '--data-dir', dataDir]);
  expect(result.code).toBe(3);
  expect(result.stderr).toMatch(/^opsdeck scan: internal error: .*\/internal\/store/);
  expect(result.stderr).toContain(`details in ${join(dataDir, 'debug.log')}`);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  const log = await readFile(join(dataDir, 'debug.log'), 'utf8');
  expect(log).toMatch(/opsdeck scan: .*\/internal\/store/);
  expect(log).toMatch(/^\s+at /m);
  expect((await stat(join(dataDir, 'debug.log'))).mode & 0o777).toBe(0o600);
});

test('with --debug the stack of an internal failure goes to stderr, still exit 3', async () => {
  const dataDir = await brokenDataDir('debug');
  const result = await runChild(['scan', '--demo', '--data-dir', dataDir, '--debug']);
  expect(result.code).toBe(3);
  expect(result.stderr).toMatch(/internal error: .*\/debug\/store/);
  expect(result.stderr).toMatch(/^\s+at /m);
});

test('bad usage still exits 2', async () => {
  const result = await runOpsdeck(['scan', '--no-such-option']);
  expect(result.code).toBe(2);
});

test('audit verify into a pipe whose reader is gone prints no EPIPE stack and keeps its exit code', async () => {
  const dataDir = join(dir.path, 'verify');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const log = join(dataDir, 'audit.log');
  await writeFile(log, '', { mode: 0o600 });
  for (let round = 0; round < 5; round++) {
    // No keychain in this child: the empty log is UNKEYED, which --allow-unkeyed accepts (exit 0).
    const result = await runChild(['audit', 'verify', '--log', log, '--allow-unkeyed'], { closeStdout: true });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }
  await writeFile(log, 'not json\n');
  const broken = await runChild(['audit', 'verify', '--log', log], { closeStdout: true });
  expect(broken.stderr).toBe('');
  expect(broken.code).toBe(1);
});

test('help into a closed pipe prints no stack either', async () => {
  const result = await runChild(['--help'], { closeStdout: true });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
});
