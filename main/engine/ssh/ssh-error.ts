// The transport's one error type: a code a program can branch on, and a
// message an operator can act on, naming the host and the hop that failed.
export type SshErrorCode =
  | 'connect-timeout'
  | 'connect-refused'
  | 'connect-failed'
  | 'handshake-failed'
  | 'auth-failed'
  | 'host-key-unknown-rejected'
  | 'host-key-changed'
  | 'host-key-revoked'
  | 'jump-failed'
  | 'command-timeout'
  | 'cancelled'
  | 'connection-lost'
  /** The server would not open one more channel on a live connection (sshd's MaxSessions). */
  | 'channel-refused'
  | 'needs-passphrase';

const RETRYABLE: ReadonlySet<SshErrorCode> = new Set(['connect-timeout', 'connect-refused', 'connect-failed', 'connection-lost', 'handshake-failed']);

export class SshError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: SshErrorCode,
    readonly label: string,
    message: string,
  ) {
    super(message);
    this.name = 'SshError';
    this.retryable = RETRYABLE.has(code);
  }
}
