// Opens one authenticated ssh2 connection to an endpoint, directly or over a
// stream forwarded by a jump host. Host keys are always verified (ssh2
// accepts any key unless hostVerifier is given). The verifier only looks the
// key up: a changed or revoked key is refused, and an unknown one ends the
// attempt with a 'host-key-unknown' error carrying the key, so that the
// operator is asked outside the handshake (no handshake timeout runs while a
// person compares fingerprints) and the connection is opened again once the
// key is accepted.
import ssh2, { type Client } from 'ssh2';
import type { Duplex } from 'node:stream';
import { sha256Fingerprint } from './fingerprint';
import { hostKeyAlgorithmsFor } from './host-key-algorithms';
import { hostKeyRefusalMessage, type HostKeyStore } from './host-key-store';
import { keyTypeInBlob } from './known-hosts';
import { authHandlerFor, type AuthDependencies, type AuthTrail } from './ssh-auth';
import { SshError } from './ssh-error';
import { hostKeyName, type SshEndpoint } from './ssh-route';

export interface OpenConnectionOptions extends AuthDependencies {
  hostKeys: Pick<HostKeyStore, 'check' | 'knownKeyTypes'>;
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  /** Says which hop this is in messages: "through bastion nj (127.0.0.1:40022)". */
  via: string | null;
}

export async function openSshConnection(endpoint: SshEndpoint, sock: Duplex | undefined, options: OpenConnectionOptions): Promise<Client> {
  const knownAs = hostKeyName(endpoint);
  const serverHostKey = hostKeyAlgorithmsFor(await options.hostKeys.knownKeyTypes(knownAs.host, knownAs.port));
  const where = `${endpoint.user}@${endpoint.label} (${endpoint.address}:${endpoint.port})${options.via ? ` ${options.via}` : ''}`;
  const trail: AuthTrail = { offered: [] };
  let hostKeyRefusal: SshError | null = null;
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let settled = false;
    const fail = (error: SshError) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(error);
    };
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      // Without TCP_NODELAY every command waits for a delayed ACK (~40 ms).
      client.setNoDelay(true);
      resolve(client);
    });
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      if (hostKeyRefusal) return fail(hostKeyRefusal);
      fail(classify(error, where, trail, endpoint));
    });
    let closed = false;
    client.once('close', () => {
      closed = true;
      fail(new SshError('connect-failed', endpoint.label, `${where}: the connection closed during the handshake`));
    });
    client.connect({
      host: endpoint.address,
      port: endpoint.port,
      username: endpoint.user,
      ...(sock ? { sock } : {}),
      readyTimeout: options.readyTimeoutMs,
      algorithms: { serverHostKey },
      keepaliveInterval: options.keepaliveIntervalMs,
      keepaliveCountMax: 3,
      authHandler: authHandlerFor(endpoint, options, trail) as never,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        // ssh2 (1.17) continues its key exchange from inside verify(): called
        // after the attempt ended (timeout, socket closed) it dereferences a
        // torn-down protocol object and throws from a callback nobody can
        // catch ("protocol._destruct is not a function"), killing the process.
        const answer = (ok: boolean) => {
          if (!settled && !closed) verify(ok);
        };
        void verifyHostKey(endpoint, key, options, where).then(
          (refusal) => {
            hostKeyRefusal = refusal;
            answer(refusal === null);
          },
          (error: unknown) => {
            hostKeyRefusal = new SshError('host-key-changed', endpoint.label, `${where}: cannot check the host key: ${String(error)}`);
            answer(false);
          },
        );
      },
    } as ssh2.ConnectConfig);
  });
}

async function verifyHostKey(endpoint: SshEndpoint, key: Buffer, options: OpenConnectionOptions, where: string): Promise<SshError | null> {
  const keyType = keyTypeInBlob(key) ?? 'unknown';
  const knownAs = hostKeyName(endpoint);
  const verdict = await options.hostKeys.check(knownAs.host, knownAs.port, keyType, key);
  if (verdict.status === 'known') return null;
  if (verdict.status === 'changed' || verdict.status === 'revoked') {
    const message = hostKeyRefusalMessage({ name: endpoint.label, address: endpoint.address }, endpoint.port, verdict);
    return new SshError(verdict.status === 'changed' ? 'host-key-changed' : 'host-key-revoked', endpoint.label, message);
  }
  const fingerprint = sha256Fingerprint(key);
  return new SshError('host-key-unknown', endpoint.label, `${where} offered an unknown host key ${keyType} ${fingerprint}; waiting for a decision`, {
    label: endpoint.label,
    address: endpoint.address,
    port: endpoint.port,
    knownAs,
    keyType,
    fingerprint,
    keyBase64: key.toString('base64'),
  });
}

function classify(error: Error & { level?: string; code?: string }, where: string, trail: AuthTrail, endpoint: SshEndpoint): SshError {
  if (error.level === 'client-authentication') {
    const offered = trail.offered.length ? trail.offered.join(', ') : 'nothing (no agent, no readable key)';
    return new SshError(
      'auth-failed',
      endpoint.label,
      `auth failed for ${where}: the server refused what was offered (${offered}); check that the public key is in ${endpoint.user}'s authorized_keys`,
    );
  }
  if (error.level === 'client-timeout') return new SshError('connect-timeout', endpoint.label, `${where}: no SSH handshake within the connect timeout`);
  if (error.code === 'ECONNREFUSED') return new SshError('connect-refused', endpoint.label, `${where}: connection refused (is sshd running on that port?)`);
  if (error.code === 'ETIMEDOUT' || error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') {
    return new SshError('connect-timeout', endpoint.label, `${where}: unreachable (${error.code})`);
  }
  if (error.level === 'protocol' || error.level === 'handshake') return new SshError('handshake-failed', endpoint.label, `${where}: SSH handshake failed: ${error.message}`);
  return new SshError('connect-failed', endpoint.label, `${where}: ${error.message}`);
}
