// The one client key the demo accepts: Ed25519 in OpenSSH format, created
// in the demo's data folder on first start (mode 0600, as ssh requires) and
// reused afterwards.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2, { type ParsedKey } from 'ssh2';
import { ed25519FromSeed, openSshPrivateKeyFile, openSshPublicKeyLine } from './openssh-key-format';

export const CLIENT_KEY_FILE = 'demo-client-key';

export interface DemoClientKey {
  path: string;
  /** SSH wire blob of the public key: what a client offers in publickey auth. */
  publicBlob: Buffer;
  /** Verifies the client's signatures. */
  parsed: ParsedKey;
}

export async function ensureDemoClientKey(dataDir: string): Promise<DemoClientKey> {
  const path = join(dataDir, CLIENT_KEY_FILE);
  let text = await readIfPresent(path);
  if (text === null) {
    const pair = ed25519FromSeed(randomBytes(32));
    const comment = 'opsdeck-demo-client';
    try {
      await writeFile(path, openSshPrivateKeyFile(pair, comment), { mode: 0o600, flag: 'wx' });
      await writeFile(`${path}.pub`, `${openSshPublicKeyLine(pair.publicKey, comment)}\n`, { mode: 0o644 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    text = await readFile(path, 'utf8');
  }
  const parsed = ssh2.utils.parseKey(text);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error || key.type !== 'ssh-ed25519') {
    throw new Error(`demo client key ${path} is not an unencrypted Ed25519 OpenSSH key${key instanceof Error ? ` (${key.message})` : ''}; delete it to create a new one`);
  }
  return { path, publicBlob: key.getPublicSSH(), parsed: key };
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
