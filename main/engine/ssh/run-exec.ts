// Runs one command on an open connection as an exec channel, collecting its
// output (bounded) with a timeout and cancellation; a hung command closes
// only its own channel.
import type { Client, ClientChannel } from 'ssh2';
import { SshError } from './ssh-error';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  truncated: boolean;
}

export const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

export function runExec(client: Client, label: string, command: string, timeoutMs: number, signal?: AbortSignal): Promise<ExecResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SshError('cancelled', label, `${label}: cancelled`));
    let channel: ClientChannel | null = null;
    let settled = false;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    const finish = (error: SshError | null, result?: ExecResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        channel?.close();
        reject(error);
      } else resolve(result!);
    };
    const timer = setTimeout(
      () => finish(new SshError('command-timeout', label, `${label}: \`${command}\` did not finish within ${Math.round(timeoutMs / 1000)} s; its channel was closed`)),
      timeoutMs,
    );
    const onAbort = () => finish(new SshError('cancelled', label, `${label}: cancelled`));
    signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (bytes + chunk.length > MAX_OUTPUT_BYTES) {
        truncated = true;
        return;
      }
      bytes += chunk.length;
      into.push(chunk);
    };
    try {
      client.exec(command, (error, stream) => {
        if (error) return finish(channelOpenError(label, error));
        channel = stream;
        if (settled) return stream.close();
        stream.on('data', collect(stdout));
        stream.stderr.on('data', collect(stderr));
        stream.on('close', (code: number | null | undefined, signalName: string | undefined) => {
          if (code === undefined || code === null) {
            if (!signalName) return finish(new SshError('connection-lost', label, `${label}: the connection dropped while \`${command}\` was running`));
          }
          finish(null, {
            stdout: Buffer.concat(stdout).toString('utf8'),
            stderr: Buffer.concat(stderr).toString('utf8'),
            exitCode: typeof code === 'number' ? code : null,
            signal: signalName ?? null,
            durationMs: Math.round(performance.now() - started),
            truncated,
          });
        });
      });
    } catch (error) {
      finish(new SshError('connection-lost', label, `${label}: ${error instanceof Error ? error.message : String(error)}`));
    }
  });
}

/**
 * ssh2 gives a refusal by the server a numeric `reason` (RFC 4254 5.1);
 * any other error here means the connection itself went away.
 */
function channelOpenError(label: string, error: Error & { reason?: unknown }): SshError {
  if (typeof error.reason === 'number') {
    return new SshError('channel-refused', label, `${label}: the server refused a new channel (${error.message}; sshd's MaxSessions limits channels per connection)`);
  }
  return new SshError('connection-lost', label, `${label}: cannot open a channel: ${error.message}`);
}
