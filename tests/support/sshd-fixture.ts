// What a test file against private sshd servers starts with: its own folder
// holding a fresh client key, and the servers its tests start, each stopped
// (by its PID, see private-sshd.ts) after the file's tests, before the folder
// is removed.
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { generateKey, type PrivateSshd } from './private-sshd';
import { useTempDir } from './temp-dir';

export interface SshdFixture {
  /** The file's own folder. */
  readonly dir: string;
  /** The client's private key (`id_ed25519` in the folder). */
  readonly clientKey: string;
  /** Its public key, for a server's authorized_keys. */
  readonly publicKey: string;
  /** Keeps `server` to be stopped after the file's tests; returns it. */
  stopAfterAll(server: PrivateSshd): PrivateSshd;
}

/** Registers beforeAll/afterAll: the fields are set once beforeAll has run. */
export function useSshdFixture(prefix: string): SshdFixture {
  const dir = useTempDir(prefix);
  const servers: PrivateSshd[] = [];
  let publicKey: string | undefined;
  const fixture: SshdFixture = {
    get dir() {
      return dir.path;
    },
    get clientKey() {
      return join(dir.path, 'id_ed25519');
    },
    get publicKey() {
      if (publicKey === undefined) throw new Error('the client key is made in beforeAll; read it from a hook or a test');
      return publicKey;
    },
    stopAfterAll(server) {
      servers.push(server);
      return server;
    },
  };
  beforeAll(async () => {
    publicKey = await generateKey(fixture.clientKey);
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });
  return fixture;
}
