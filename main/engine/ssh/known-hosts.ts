// known_hosts files as plain data: parsing (never throws; bad lines become
// problems with their line number), the host-key verdict OpenSSH would reach,
// and formatting a line to append. Pure: the file I/O is in host-key-store.ts.
// Semantics follow OpenSSH 9.x hostfile.c / sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT".
import { randomBytes } from 'node:crypto';
import { sha256Fingerprint } from './fingerprint';
import { hashedHostName, hostsFieldMatches, knownHostsLookupName, parseHostsField, strictBase64, type KnownHostsHosts } from './known-hosts-host-match';

export type KnownHostsMarker = 'revoked' | 'cert-authority';

export interface KnownHostsKey {
  kind: 'key';
  source: string;
  /** 1-based line number in `source`. */
  line: number;
  /** `@revoked`, `@cert-authority`, or null for a plain host key. */
  marker: KnownHostsMarker | null;
  hosts: KnownHostsHosts;
  keyType: string;
  keyBlob: Buffer;
  comment: string;
}

export interface KnownHostsProblem {
  kind: 'problem';
  source: string;
  line: number;
  /** The offending line as written, for the operator to find and fix. */
  text: string;
  reason: string;
}

export type KnownHostsEntry = KnownHostsKey | KnownHostsProblem;

export interface KnownFingerprint {
  fingerprint: string;
  keyType: string;
  source: string;
  line: number;
}

export type HostKeyVerdict =
  | { status: 'known'; source: string; line: number }
  | { status: 'unknown'; fingerprint: string }
  | { status: 'changed'; fingerprint: string; knownFingerprints: KnownFingerprint[] }
  | { status: 'revoked'; fingerprint: string; source: string; line: number };

/** `firstLine`: the line number of the text's first line (the text may be the end of a file that grew). */
export function parseKnownHosts(text: string, source: string, firstLine = 1): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const parsed = parseKeyLine(trimmed);
    const line = firstLine + i;
    if (typeof parsed === 'string') entries.push({ kind: 'problem', source, line, text: raw, reason: parsed });
    else entries.push({ kind: 'key', source, line, ...parsed });
  }
  return entries;
}

type ParsedKeyLine = Omit<KnownHostsKey, 'kind' | 'source' | 'line'>;

function parseKeyLine(line: string): ParsedKeyLine | string {
  const fields = line.split(/[ \t]+/);
  let marker: KnownHostsMarker | null = null;
  if (fields[0]?.startsWith('@')) {
    const word = fields.shift();
    if (word === '@revoked') marker = 'revoked';
    else if (word === '@cert-authority') marker = 'cert-authority';
    else return `unknown marker "${word}" (expected @revoked or @cert-authority)`;
  }
  const [hostsField, keyType, keyData, ...comment] = fields;
  if (hostsField === undefined || keyType === undefined || keyData === undefined) {
    return 'expected "<host patterns> <key type> <base64 key> [comment]"';
  }
  if (/^\d+$/.test(keyType)) return 'SSH protocol 1 RSA key (bits exponent modulus) is not supported';
  const keyBlob = strictBase64(keyData);
  if (keyBlob === null) return `key data for ${keyType} is not valid base64`;
  const typeInBlob = keyTypeInBlob(keyBlob);
  if (typeInBlob !== keyType) {
    return `key type field says ${keyType} but the key data is ${typeInBlob ?? 'not an SSH public key'}`;
  }
  const hosts = parseHostsField(hostsField);
  if (typeof hosts === 'string') return hosts;
  return { marker, hosts, keyType, keyBlob, comment: comment.join(' ') };
}

/** The key type named inside an SSH wire-format public key blob (RFC 4253 §6.6). */
export function keyTypeInBlob(keyBlob: Buffer): string | null {
  if (keyBlob.length < 4) return null;
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) return null;
  const name = keyBlob.toString('latin1', 4, 4 + length);
  return /^[\x21-\x7e]+$/.test(name) ? name : null;
}

/**
 * The key type a known_hosts line records for a key. RSA keys negotiated with
 * rsa-sha2-256/512 signatures are still `ssh-rsa` keys (RFC 8332).
 */
export function hostKeyType(keyType: string, keyBlob: Buffer): string {
  const fromBlob = keyTypeInBlob(keyBlob);
  if (fromBlob !== null) return fromBlob;
  return keyType === 'rsa-sha2-256' || keyType === 'rsa-sha2-512' ? 'ssh-rsa' : keyType;
}

/** Every key line (any marker) whose host field matches host:port, as `ssh-keygen -F` lists them. */
export function entriesForHost(entries: readonly KnownHostsEntry[], host: string, port: number): KnownHostsKey[] {
  const name = knownHostsLookupName(host, port);
  return entries.filter((e): e is KnownHostsKey => e.kind === 'key' && hostsFieldMatches(e.hosts, name));
}

/** The key types on record for host:port (plain lines only: not revoked, not CA lines). */
export function knownKeyTypesForHost(entries: readonly KnownHostsEntry[], host: string, port: number): string[] {
  return [
    ...new Set(
      entriesForHost(entries, host, port)
        .filter((e) => e.marker === null)
        .map((e) => e.keyType),
    ),
  ];
}

/**
 * The verdict for a host key: a matching key is known; a matching `@revoked`
 * line overrides all; otherwise see unmatchedKeyVerdict. `@cert-authority`
 * lines never vouch for a plain host key.
 */
export function lookupHostKey(entries: readonly KnownHostsEntry[], host: string, port: number, keyType: string, keyBlob: Buffer): HostKeyVerdict {
  const fingerprint = sha256Fingerprint(keyBlob);
  const forHost = entriesForHost(entries, host, port);
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.keyBlob.equals(keyBlob));
  if (revoked) return { status: 'revoked', fingerprint, source: revoked.source, line: revoked.line };
  const plain = forHost.filter((e) => e.marker === null);
  const same = plain.find((e) => e.keyBlob.equals(keyBlob));
  if (same) return { status: 'known', source: same.source, line: same.line };
  return unmatchedKeyVerdict(plain, fingerprint);
}

/**
 * A key that matches none of the host's known keys: unknown only when the
 * host has no known key at all. A host known by ANY key that now offers
 * another is changed, whatever the types: otherwise an impostor could offer
 * only ECDSA or RSA to a host known by its ED25519 key and be asked about as
 * "new" (and taken by accept-new), which OpenSSH's accept-new refuses.
 */
export function unmatchedKeyVerdict(knownForHost: readonly KnownHostsKey[], fingerprint: string): HostKeyVerdict {
  if (knownForHost.length === 0) return { status: 'unknown', fingerprint };
  const knownFingerprints = knownForHost.map((e) => ({
    fingerprint: sha256Fingerprint(e.keyBlob),
    keyType: e.keyType,
    source: e.source,
    line: e.line,
  }));
  return { status: 'changed', fingerprint, knownFingerprints };
}

export interface KnownHostsLineOptions {
  /** Write `|1|salt|hash` instead of the host name (as HashKnownHosts=yes does). */
  hashed: boolean;
  /** 20-byte salt; random when omitted (tests pass one to get a fixed line). */
  salt?: Buffer;
}

/** One known_hosts line (without newline) vouching for this key for host:port. */
export function formatKnownHostsLine(host: string, port: number, keyType: string, keyBlob: Buffer, options: KnownHostsLineOptions): string {
  if (!/^[^\s,!*?|#@[\]]+$/.test(host)) {
    throw new Error(`cannot write a known_hosts line for host "${host}": a host name must not be empty or contain whitespace or any of , ! * ? | # @ [ ]`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`cannot write a known_hosts line for ${host}: port ${port} is not between 1 and 65535`);
  }
  const name = knownHostsLookupName(host, port);
  let hostsField = name;
  if (options.hashed) {
    const salt = options.salt ?? randomBytes(20);
    if (salt.length !== 20) throw new Error(`known_hosts hash salt must be 20 bytes, got ${salt.length}`);
    hostsField = `|1|${salt.toString('base64')}|${hashedHostName(name, salt).toString('base64')}`;
  }
  return `${hostsField} ${hostKeyType(keyType, keyBlob)} ${keyBlob.toString('base64')}`;
}
