// The data folder is the user's alone: after a real scan (the demo fleet over
// real SSH, stored in the embedded PGlite store, which creates its files 0666
// whatever the umask), every file under it is 0600 and every folder 0700. A
// folder left open by an older version is fixed at start with a message
// naming it; a path owned by another user is refused by name.
import { chmod, chown, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ScanFinishedEvent } from '../../../preload/contract';
import { createEngine } from '../../../main/engine/engine';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-private-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const acceptingPrompter = { confirmUnknownHostKey: async () => true, keyboardInteractive: async () => null, keyPassphrase: async () => null };

/** Every path under root that is not 0700 (folder) / 0600 (file), with its mode. */
async function notPrivate(root: string): Promise<string[]> {
  const wrong: string[] = [];
  const visit = async (path: string) => {
    const info = await stat(path);
    const mode = info.mode & 0o777;
    if (info.isDirectory()) {
      if (mode !== 0o700) wrong.push(`${path} ${mode.toString(8)}`);
      for (const name of await readdir(path)) await visit(join(path, name));
    } else if (mode !== 0o600) {
      wrong.push(`${path} ${mode.toString(8)}`);
    }
  };
  await visit(root);
  return wrong;
}

async function countFiles(root: string): Promise<number> {
  return (await readdir(root, { recursive: true })).length;
}

test('after a scan every file under the data folder is 0600 and every folder 0700', { timeout: 180_000 }, async () => {
  const dataDir = join(dir, 'scan');
  const engine = await createEngine({ dataDir, demoFleet: 'always', demoHosts: 14, secrets: new MemorySecretStore(), prompter: acceptingPrompter, userKnownHostsPath: null });
  const finished = new Promise<ScanFinishedEvent>((resolve) =>
    engine.events.subscribe((name, payload) => {
      if (name === 'scan:finished') resolve(payload as ScanFinishedEvent);
    }),
  );
  await engine.handlers['scan.start']({ scope: { kind: 'fleet' } });
  const outcome = await finished;
  expect(outcome.failed).toBe(0);
  await engine.dispose();
  expect(await countFiles(join(dataDir, 'store'))).toBeGreaterThan(100);
  expect(await notPrivate(dataDir)).toEqual([]);
});

test('a data folder left open (0755 folders, a 0666 settings file) is made private at start, with a message naming it', { timeout: 180_000 }, async () => {
  const dataDir = join(dir, 'open');
  await mkdir(join(dataDir, 'store'), { recursive: true, mode: 0o755 });
  await chmod(dataDir, 0o755);
  await writeFile(join(dataDir, 'settings.json'), '{"inventoryPath":null}\n', { mode: 0o666 });
  await chmod(join(dataDir, 'settings.json'), 0o666);
  const engine = await createEngine({ dataDir, demoFleet: 'never', secrets: new MemorySecretStore() });
  try {
    expect(engine.dataDirNotice).toMatch(new RegExp(`^the data folder ${dataDir} was not private: \\d+ file\\(s\\) or folder\\(s\\) were open to group or others and are now 0600/0700`));
    expect(engine.startupProblems).toContain(engine.dataDirNotice);
  } finally {
    await engine.dispose();
  }
  expect(await notPrivate(dataDir)).toEqual([]);
});

test('a path in the data folder owned by another user is refused by name', { timeout: 180_000 }, async () => {
  if (process.getuid?.() !== 0) throw new Error('this test gives a file to another user with chown: run the integration tests as root');
  const dataDir = join(dir, 'foreign');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const foreign = join(dataDir, 'known_hosts');
  await writeFile(foreign, '', { mode: 0o600 });
  await chown(foreign, 65534, 65534);
  await expect(createEngine({ dataDir, demoFleet: 'never', secrets: new MemorySecretStore() })).rejects.toThrow(
    `the data folder holds a path owned by another user, which OpsDeck will not use: ${foreign}`,
  );
});
