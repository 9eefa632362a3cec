// Opens one authenticated ssh2 connection to an endpoint, directly or over a
// stream forwarded by a jump host. Host keys are always verified (ssh2
// accepts any key unless hostVerifier is given); an unknown key is used only
// after the operator accepts it; a changed or revoked key is refused.
import ssh2, { type Client } from 'ssh2';
import type { Duplex } from 'node:stream';
import { sha256Fingerprint } from './fingerprint';
import { hostKeyRefusalMessage, type HostKeyStore } from './host-key-store';
import { keyTypeInBlob } from './known-hosts';
import { authHandlerFor, type AuthDependencies, type AuthTrail } from './ssh-auth';
import { SshError } from './ssh-error';
import type { SshEndpoint } from './ssh-route';

export interface OpenConnectionOptions extends AuthDependencies {
  hostKeys: Pick<HostKeyStore, 'check' | 'accept'>;
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  /** Says which hop this is in messages: "through bastion nj (127.0.0.1:40022)". */
  via: string | null;
}

export function openSshConnection(endpoint: SshEndpoint, sock: Duplex | undefined, options: OpenConnectionOptions): Promise<Client> {
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
    client.once('close', () => fail(new SshError('connect-failed', endpoint.label, `${where}: the connection closed during the handshake`)));
    client.connect({
      host: endpoint.address,
      port: endpoint.port,
      username: endpoint.user,
      ...(sock ? { sock } : {}),
      readyTimeout: options.readyTimeoutMs,
      keepaliveInterval: options.keepaliveIntervalMs,
      keepaliveCountMax: 3,
      authHandler: authHandlerFor(endpoint, options, trail) as never,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        void verifyHostKey(endpoint, key, options).then(
          (refusal) => {
            hostKeyRefusal = refusal;
            verify(refusal === null);
          },
          (error: unknown) => {
            hostKeyRefusal = new SshError('host-key-changed', endpoint.label, `${where}: cannot check the host key: ${String(error)}`);
            verify(false);
          },
        );
      },
    } as ssh2.ConnectConfig);
  });
}

async function verifyHostKey(endpoint: SshEndpoint, key: Buffer, options: OpenConnectionOptions): Promise<SshError | null> {
  const keyType = keyTypeInBlob(key) ?? 'unknown';
  const verdict = await options.hostKeys.check(endpoint.address, endpoint.port, keyType, key);
  if (verdict.status === 'known') return null;
  if (verdict.status === 'changed' || verdict.status === 'revoked') {
    const message = hostKeyRefusalMessage({ name: endpoint.label, address: endpoint.address }, endpoint.port, verdict);
    return new SshError(verdict.status === 'changed' ? 'host-key-changed' : 'host-key-revoked', endpoint.label, message);
  }
  const fingerprint = sha256Fingerprint(key);
  const accepted = await options.prompter.confirmUnknownHostKey({ label: endpoint.label, address: endpoint.address, port: endpoint.port, keyType, fingerprint });
  if (!accepted) {
    return new SshError(
      'host-key-unknown-rejected',
      endpoint.label,
      `${endpoint.label} (${endpoint.address}:${endpoint.port}) offered an unknown host key ${keyType} ${fingerprint}; it was not accepted, so OpsDeck did not connect`,
    );
  }
  await options.hostKeys.accept(endpoint.address, endpoint.port, keyType, key);
  return null;
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
