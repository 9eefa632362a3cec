// Runs one command on an open connection as an exec channel, collecting its
// output as the bytes the host sent (bounded per command, and by the host's
// and the scan's budgets) with a timeout and cancellation; a hung command
// closes only its own channel. An output cut at a cap ends the command at
// once (its channel is closed) and says so; a timed-out command keeps what
// had arrived.
import type { Client, ClientChannel } from 'ssh2';
import { mebibytes, type HostOutputBudget, type OutputTruncation } from './output-budget';
import { SshError } from './ssh-error';
import { errorMessage } from '../errors/error-message';

export interface ExecResult {
  /** The output decoded as UTF-8 (invalid sequences become U+FFFD); `raw` holds the exact bytes. */
  stdout: string;
  stderr: string;
  raw: { stdout: Buffer; stderr: Buffer };
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** Set when the output was cut at a cap: what was kept is the start of what the host sent. */
  truncated: OutputTruncation | null;
}

export interface ExecLimits {
  timeoutMs: number;
  maxOutputBytes?: number;
  budget?: HostOutputBudget;
  signal?: AbortSignal;
}

export const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/**
 * How long to wait for the channel to close once the command has exited: a
 * background child still holding the output open (`cmd &`) would otherwise
 * keep the channel, and the scan, waiting until the command timeout.
 */
export const CLOSE_AFTER_EXIT_MS = 2_000;

/** A command that did not finish in time; what it had printed is kept as evidence. */
export class CommandTimeoutError extends SshError {
  constructor(
    label: string,
    message: string,
    readonly partial: { stdout: Buffer; stderr: Buffer },
  ) {
    super('command-timeout', label, message);
  }
}

export function runExec(client: Client, label: string, command: string, limits: ExecLimits): Promise<ExecResult> {
  const { timeoutMs, signal, budget } = limits;
  const maxBytes = limits.maxOutputBytes ?? MAX_OUTPUT_BYTES;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SshError('cancelled', label, `${label}: cancelled`));
    let channel: ClientChannel | null = null;
    let settled = false;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let kept = 0;
    let truncated: OutputTruncation | null = null;
    let exited: { code: number | null; signal: string | null } | null = null;
    let afterExitTimer: NodeJS.Timeout | undefined;
    const result = (exitCode: number | null, signalName: string | null): ExecResult => {
      const raw = { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) };
      return { stdout: raw.stdout.toString('utf8'), stderr: raw.stderr.toString('utf8'), raw, exitCode, signal: signalName, durationMs: Math.round(performance.now() - started), truncated };
    };
    const finish = (error: SshError | null, value?: ExecResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(afterExitTimer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        channel?.close();
        reject(error);
      } else resolve(value!);
    };
    const timer = setTimeout(
      () =>
        finish(
          new CommandTimeoutError(label, `${label}: \`${command}\` did not finish within ${Math.round(timeoutMs / 1000)} s; its channel was closed (${kept} bytes it sent are kept)`, {
            stdout: Buffer.concat(stdout),
            stderr: Buffer.concat(stderr),
          }),
        ),
      timeoutMs,
    );
    const onAbort = () => finish(new SshError('cancelled', label, `${label}: cancelled`));
    signal?.addEventListener('abort', onAbort, { once: true });
    const cut = (cap: OutputTruncation['cap'], capBytes: number) => {
      truncated = { cap, capBytes, keptBytes: kept };
      // Stop reading: a host answering endlessly must not keep us receiving (and discarding) for minutes.
      channel?.close();
      finish(null, result(exited?.code ?? null, exited?.signal ?? null));
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (settled) return;
      const room = Math.min(chunk.length, maxBytes - kept);
      const granted = budget ? budget.take(room) : room;
      if (granted > 0) {
        into.push(granted === chunk.length ? chunk : Buffer.from(chunk.subarray(0, granted)));
        kept += granted;
      }
      if (granted < chunk.length) {
        if (room < chunk.length) cut('command', maxBytes);
        else cut(budget!.cut ?? 'host', budget!.capBytes);
      }
    };
    try {
      client.exec(command, (error, stream) => {
        if (error) return finish(channelOpenError(label, error));
        channel = stream;
        if (settled) return stream.close();
        stream.on('data', collect(stdout));
        stream.stderr.on('data', collect(stderr));
        stream.on('exit', (code: number | null | undefined, signalName?: string) => {
          exited = { code: typeof code === 'number' ? code : null, signal: signalName ?? null };
          afterExitTimer = setTimeout(() => {
            stream.close();
            finish(null, result(exited!.code, exited!.signal));
          }, CLOSE_AFTER_EXIT_MS);
        });
        stream.on('close', (code: number | null | undefined, signalName: string | undefined) => {
          if (code === undefined || code === null) {
            if (!signalName && !exited) return finish(new SshError('connection-lost', label, `${label}: the connection dropped while \`${command}\` was running`));
          }
          finish(null, result(typeof code === 'number' ? code : (exited?.code ?? null), signalName ?? exited?.signal ?? null));
        });
      });
    } catch (error) {
      // ssh2 throws synchronously ("Not connected") when the connection closed before this command's turn.
      finish(new SshError('connection-lost', label, `${label}: the connection was lost before \`${command}\` could start (${errorMessage(error)})`));
    }
  });
}

/** The cap named for an operator: "the per-host cap of 32 MiB". */
export function capText(truncation: OutputTruncation): string {
  return `the per-${truncation.cap} output cap of ${mebibytes(truncation.capBytes)}`;
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
