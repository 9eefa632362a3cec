// Ed25519 keys in OpenSSH's own formats: the public key line
// (`ssh-ed25519 AAAA… comment`), the wire blob fingerprints are taken of,
// and the unencrypted "openssh-key-v1" private key file (PROTOCOL.key in
// OpenSSH), which both ssh2 and the real `ssh -i` read.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { sha256Fingerprint } from '../ssh/fingerprint';

// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function sshString(value: Buffer | string): Buffer {
  const data = typeof value === 'string' ? Buffer.from(value) : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
}

export interface Ed25519KeyPair {
  seed: Buffer;
  publicKey: Buffer;
}

export function ed25519FromSeed(seed: Buffer): Ed25519KeyPair {
  if (seed.length !== 32) throw new Error(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { seed: Buffer.from(seed), publicKey: Buffer.from(spki.subarray(spki.length - 32)) };
}

/** The SSH wire encoding of the public key: string "ssh-ed25519", string key. */
export function ed25519PublicBlob(publicKey: Buffer): Buffer {
  return Buffer.concat([sshString('ssh-ed25519'), sshString(publicKey)]);
}

export function openSshPublicKeyLine(publicKey: Buffer, comment: string): string {
  return `ssh-ed25519 ${ed25519PublicBlob(publicKey).toString('base64')}${comment ? ` ${comment}` : ''}`;
}

export function ed25519Fingerprint(publicKey: Buffer): string {
  return sha256Fingerprint(ed25519PublicBlob(publicKey));
}

/**
 * `-----BEGIN OPENSSH PRIVATE KEY-----` for an unencrypted key. The two
 * check integers only have to match each other; they are taken from the
 * public key so the same key always serialises to the same file.
 */
export function openSshPrivateKeyFile(pair: Ed25519KeyPair, comment: string): string {
  const publicBlob = ed25519PublicBlob(pair.publicKey);
  const check = pair.publicKey.readUInt32BE(0);
  let privateSection = Buffer.concat([uint32(check), uint32(check), sshString('ssh-ed25519'), sshString(pair.publicKey), sshString(Buffer.concat([pair.seed, pair.publicKey])), sshString(comment)]);
  const padding: number[] = [];
  for (let next = 1; (privateSection.length + padding.length) % 8 !== 0; next++) padding.push(next);
  privateSection = Buffer.concat([privateSection, Buffer.from(padding)]);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), uint32(1), sshString(publicBlob), sshString(privateSection)]).toString('base64');
  const lines = body.match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}
