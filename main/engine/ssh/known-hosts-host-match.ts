// Host-name matching for known_hosts lines, following OpenSSH's match.c and
// hostfile.c (OpenSSH 9.x): comma-separated patterns with `*`/`?` wildcards and
// `!` negation, and hashed `|1|salt|hash` names (HMAC-SHA1 keyed by the salt).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface HostPattern {
  /** The pattern without its leading `!`, lowercased (OpenSSH matches case-insensitively). */
  pattern: string;
  negated: boolean;
}

export type KnownHostsHosts = { kind: 'patterns'; patterns: HostPattern[] } | { kind: 'hashed'; salt: Buffer; hash: Buffer };

const HASH_MAGIC = '|1|';
const SHA1_LENGTH = 20;

/**
 * The name OpenSSH looks up for a host: the bare host for port 22, `[host]:port`
 * otherwise (sshconnect.c put_host_port). ssh lowercases the host name first.
 */
export function knownHostsLookupName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** Parses the host field of a known_hosts line; a string describes why it is malformed. */
export function parseHostsField(field: string): KnownHostsHosts | string {
  if (field.startsWith('|')) return parseHashedHost(field);
  const patterns: HostPattern[] = [];
  for (const raw of field.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (pattern === '') return `empty host pattern in "${field}"`;
    patterns.push({ pattern, negated });
  }
  return { kind: 'patterns', patterns };
}

function parseHashedHost(field: string): KnownHostsHosts | string {
  if (!field.startsWith(HASH_MAGIC)) return `unsupported hashed host format "${field}" (expected |1|salt|hash)`;
  const parts = field.slice(HASH_MAGIC.length).split('|');
  const salt = parts.length === 2 ? strictBase64(parts[0] ?? '') : null;
  const hash = parts.length === 2 ? strictBase64(parts[1] ?? '') : null;
  if (salt?.length !== SHA1_LENGTH || hash?.length !== SHA1_LENGTH) {
    return `malformed hashed host "${field}" (expected |1|<20-byte base64 salt>|<20-byte base64 hash>)`;
  }
  return { kind: 'hashed', salt, hash };
}

/** Decodes base64, or null when the text is not canonical base64 (Buffer.from is lenient). */
export function strictBase64(text: string): Buffer | null {
  if (text === '' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

export function hashedHostName(name: string, salt: Buffer): Buffer {
  return createHmac('sha1', salt).update(name).digest();
}

/**
 * Whether a line's host field matches the lookup name. As in OpenSSH's
 * match_hostname, any matching negated pattern excludes the line outright.
 */
export function hostsFieldMatches(hosts: KnownHostsHosts, lookupName: string): boolean {
  if (hosts.kind === 'hashed') return timingSafeEqual(hashedHostName(lookupName, hosts.salt), hosts.hash);
  let matched = false;
  for (const { pattern, negated } of hosts.patterns) {
    if (!globMatches(pattern, lookupName)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** `*` = any run of characters, `?` = any one character; everything else literal. */
export function globMatches(pattern: string, text: string): boolean {
  // Iterative matcher with one backtrack point: linear in practice, and no
  // regular expression built from file contents.
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === '*') {
      starP = p++;
      starT = t;
    } else if (c !== undefined && (c === '?' || c === text[t])) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
