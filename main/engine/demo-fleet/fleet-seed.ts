// The per-fleet secret every demo host key is derived from. Kept in the
// demo's data folder so a restarted demo presents the same host keys and the
// operator's accepted known_hosts entries stay valid.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const FLEET_SEED_FILE = 'demo-fleet-seed';

export async function ensureFleetSeed(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, FLEET_SEED_FILE);
  const existing = await readSeed(path);
  if (existing) return existing;
  try {
    await writeFile(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another demo starting on the same folder won the race: use its seed.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const created = await readSeed(path);
  if (!created) throw new Error(`demo fleet seed ${path} is not 64 hex characters; delete it to make a new fleet identity`);
  return created;
}

async function readSeed(path: string): Promise<Buffer | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`demo fleet seed ${path} is not 64 hex characters; delete it to make a new fleet identity`);
  return Buffer.from(hex, 'hex');
}
