// A plain ssh2 client for the demo fleet's integration tests (deliberately
// not OpsDeck's transport): bastion connection, forwardOut, a host
// connection over the forwarded stream, exec with its exit status.
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import ssh2, { type Client as SshClient, type ConnectConfig } from 'ssh2';
import { sha256Fingerprint } from '../../../../main/engine/ssh/fingerprint';

export interface Connected {
  client: SshClient;
  /** Fingerprint of the host key the server presented. */
  presentedFingerprint: string;
}

export function connect(config: ConnectConfig & { privateKeyPath: string }): Promise<Connected> {
  const { privateKeyPath, ...rest } = config;
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let presentedFingerprint = '';
    client
      .once('ready', () => {
        // Without TCP_NODELAY, Nagle + delayed ACK add ~40 ms to every exchange.
        client.setNoDelay(true);
        resolve({ client, presentedFingerprint });
      })
      // Kept for the client's whole life: a dropped connection emits errors after it settled.
      .on('error', (error) => {
        client.end();
        reject(error);
      })
      .connect({
        username: 'ops',
        privateKey: readFileSync(privateKeyPath),
        readyTimeout: 5_000,
        hostVerifier: (key: Buffer) => {
          presentedFingerprint = sha256Fingerprint(key);
          return true;
        },
        ...rest,
      });
  });
}

export function forward(bastion: SshClient, address: string, port = 22): Promise<Duplex> {
  return new Promise((resolve, reject) => bastion.forwardOut('127.0.0.1', 0, address, port, (error, stream) => (error ? reject(error) : resolve(stream))));
}

export async function connectHost(bastion: SshClient, address: string, privateKeyPath: string, extra: Partial<ConnectConfig> = {}): Promise<Connected> {
  const sock = await forward(bastion, address);
  return connect({ sock, privateKeyPath, ...extra });
}

export interface ExecResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
  /** The channel closed without an exit status (connection dropped). */
  closedWithoutExit: boolean;
}

export function exec(client: SshClient, command: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      const stdout: Buffer[] = [];
      let stderr = '';
      let code: number | null = null;
      channel.on('data', (chunk: Buffer) => stdout.push(chunk));
      channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      channel.on('exit', (status: number | null) => (code = status));
      channel.on('close', () => resolve({ stdout: Buffer.concat(stdout), stderr, code, closedWithoutExit: code === null }));
    });
  });
}

export function closed(client: SshClient): Promise<void> {
  return new Promise((resolve) => client.once('close', () => resolve()));
}
