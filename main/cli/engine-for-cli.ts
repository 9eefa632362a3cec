// Builds an engine for a CLI command from the operator's environment: their
// known_hosts and ~/.ssh/config (read only), their ssh-agent, the data folder.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '../engine/engine';
import type { CliIo } from './cli-io';
import { defaultDataDir } from './data-dir';

export async function engineForCli(io: CliIo, overrides: Partial<EngineOptions>): Promise<Engine> {
  const home = io.env.HOME ?? homedir();
  const sshConfigText = await readFile(join(home, '.ssh', 'config'), 'utf8').catch(() => null);
  const engine = await createEngine({
    dataDir: overrides.dataDir ?? defaultDataDir(io.env),
    userKnownHostsPath: join(home, '.ssh', 'known_hosts'),
    sshConfigText,
    agentSocket: io.env.SSH_AUTH_SOCK,
    defaultIdentityFiles: ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => join(home, '.ssh', name)),
    ...(io.secrets ? { secrets: io.secrets } : {}),
    ...(io.env.OPSDECK_STORE_URL ? { storeUrl: io.env.OPSDECK_STORE_URL } : {}),
    // A CLI command exits after its scan: no page will ask for the fleet views.
    warmViewsAfterScan: false,
    ...overrides,
  });
  if (engine.dataDirNotice) io.stderr.write(`warning: ${engine.dataDirNotice}\n`);
  for (const run of engine.interruptedRuns) io.stderr.write(`warning: ${run}\n`);
  if (!engine.keychain.available) io.stderr.write(`note: ${engine.keychain.reason}\n`);
  // Problems met while a command runs (history not saved, an audit entry not written) are said as they happen.
  engine.events.subscribe((name, payload) => {
    if (name === 'app:notice') io.stderr.write(`warning: ${(payload as { message: string }).message}\n`);
  });
  return engine;
}
