// Serves `exec` requests on an authenticated demo connection from a host
// profile: stdout, stderr, exit status, then EOF and close — many channels
// in parallel. The fault hooks (delay, garbage, dropped connection) are
// applied here so they touch only this connection.
import type { Connection, ServerChannel } from 'ssh2';
import { parseDemoCommand } from './demo-command';
import { garbageAnswer } from './garbage-output';
import { answer, type CommandAnswer } from './profiles/command-answer';
import type { HostProfile } from './profiles/host-profile';
import { errorMessage } from '../errors/error-message';

export interface ExecBehaviour {
  hostName: string;
  profile: () => HostProfile;
  /** Answer only after this long (slow-responses fault). */
  delayMs: number;
  garbage: boolean;
  /** Cut the connection halfway through writing a command's output (drop-mid-command fault). */
  dropConnection: (() => void) | null;
  /** Timers are registered here so stopping the fleet can clear them. */
  timers: Set<NodeJS.Timeout>;
}

export function serveExecSessions(client: Connection, behaviour: ExecBehaviour): void {
  client.on('session', (acceptSession) => {
    const session = acceptSession();
    session.on('env', (accept) => accept?.());
    session.on('pty', (_accept, reject) => reject?.());
    session.on('shell', (_accept, reject) => reject?.());
    session.on('exec', (accept, _reject, info) => {
      const channel = accept();
      const result = safeAnswer(behaviour, info.command);
      const deliver = () => write(channel, behaviour, info.command, result);
      if (behaviour.delayMs <= 0) return deliver();
      const timer = setTimeout(() => {
        behaviour.timers.delete(timer);
        deliver();
      }, behaviour.delayMs);
      behaviour.timers.add(timer);
    });
  });
}

function safeAnswer(behaviour: ExecBehaviour, line: string): CommandAnswer {
  try {
    return behaviour.profile().answer(parseDemoCommand(line));
  } catch (error) {
    // A bug in a profile must not take the simulator down; the operator sees it as a failed command.
    return answer('', `opsdeck demo fleet: internal error answering "${line}": ${errorMessage(error)}\n`, 1);
  }
}

function write(channel: ServerChannel, behaviour: ExecBehaviour, line: string, real: CommandAnswer): void {
  if (channel.destroyed || !channel.writable) return;
  const result = behaviour.garbage ? garbageAnswer(behaviour.hostName, line, real) : real;
  if (behaviour.dropConnection) {
    // Half of the output (at least one byte) goes out, then the connection dies: no exit status, no EOF.
    const half = Math.max(1, Math.floor(result.stdout.length / 2));
    channel.write(result.stdout.length ? result.stdout.subarray(0, half) : Buffer.from('\n'));
    const drop = behaviour.dropConnection;
    setImmediate(drop);
    return;
  }
  if (result.stdout.length) channel.write(result.stdout);
  if (result.stderr.length) channel.stderr.write(result.stderr);
  channel.exit(result.exitCode);
  channel.end();
}
