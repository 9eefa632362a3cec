// The transport's one error type: a code a program can branch on, and a
// message an operator can act on, naming the host and the hop that failed.
export type SshErrorCode =
  | 'connect-timeout'
  | 'connect-refused'
  | 'connect-failed'
  | 'handshake-failed'
  | 'auth-failed'
  /** An unknown host key seen and not yet decided: the pool (or the scan's pre-flight) asks the operator, outside any handshake. */
  | 'host-key-unknown'
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

/** A host key offered by a server that no known_hosts file knows: what the operator is asked to decide on. */
export interface UnknownHostKey {
  /** Which hop offered it, for messages: "nj bastion", "imap1.nj". */
  label: string;
  address: string;
  port: number;
  /** The name and port it is looked up and recorded under: the host-key alias, or the address and port. */
  knownAs: { host: string; port: number };
  keyType: string;
  fingerprint: string;
  /** The key blob, base64 (plain data: it crosses to the UI's question and back). */
  keyBase64: string;
}

/** One id per (recorded name, key): the same key of the same server asked about once. */
export function unknownHostKeyId(key: UnknownHostKey): string {
  return `${key.knownAs.host}:${key.knownAs.port} ${key.fingerprint}`;
}

/** Why a host was not connected to when a key in front of it (or its own) was refused: the fingerprint is said where the key was asked about, not again per host. */
export function rejectedHostKeyMessage(label: string, key: UnknownHostKey): string {
  if (key.label === label) return 'not connected: the host key it offered is unknown and was not accepted';
  return `not reached: the host key of ${key.label} (${key.address}:${key.port}) in front of it is unknown and was not accepted`;
}

export class SshError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: SshErrorCode,
    readonly label: string,
    message: string,
    /** With code host-key-unknown (and -rejected): the key in question. */
    readonly hostKey: UnknownHostKey | null = null,
  ) {
    super(message);
    this.name = 'SshError';
    this.retryable = RETRYABLE.has(code);
  }
}
