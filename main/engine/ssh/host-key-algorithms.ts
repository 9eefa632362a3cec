// Which host key algorithms to offer a server, in what order. OpenSSH puts the
// types it already knows for a host first (sshconnect2.c, order_hostkeyalgs):
// a server that has several host keys then proves itself with the one on
// record. Without this, ssh2's fixed order (ED25519 first) would make a host
// recorded by its RSA key answer with ED25519 — a key the record does not
// hold, which OpsDeck (like OpenSSH) must treat as a changed key.

/** ssh2 1.17's DEFAULT_SERVER_HOST_KEY (lib/protocol/constants.js), where Node has Ed25519. */
export const DEFAULT_HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] as const;

/** The signature algorithms a known_hosts key type can answer with (RFC 8332: an ssh-rsa key signs with SHA-2 too). */
function algorithmsForKeyType(keyType: string): string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return DEFAULT_HOST_KEY_ALGORITHMS.includes(keyType as (typeof DEFAULT_HOST_KEY_ALGORITHMS)[number]) ? [keyType] : [];
}

/** The default list with the algorithms of the host's known key types moved to the front, in the default's order. */
export function hostKeyAlgorithmsFor(knownKeyTypes: readonly string[]): string[] {
  const preferred = new Set(knownKeyTypes.flatMap(algorithmsForKeyType));
  return [...DEFAULT_HOST_KEY_ALGORITHMS.filter((algorithm) => preferred.has(algorithm)), ...DEFAULT_HOST_KEY_ALGORITHMS.filter((algorithm) => !preferred.has(algorithm))];
}
