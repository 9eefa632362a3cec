// Is a crypt layer's cipher up to the provider's standard? The standard is
// AES-XTS with a 256-bit AES key — XTS splits its key in two, so that is
// cryptsetup's "512 bits" — for dm-crypt, and a 256-bit suite for ZFS
// (aes-256-gcm / aes-256-ccm). Worse than weak: no cipher (cipher_null),
// ECB, and CBC with a predictable IV (plain/plain64: watermarking attacks,
// cryptsetup FAQ 5.14); CBC-ESSIV (cryptsetup's default before 1.6) is
// malleable and counts as weak. An unknown cipher gets no verdict.
import type { CryptLayer } from '../collectors/encryption/encryption-model';

export const STANDARD_DM_CIPHER = 'aes-xts-plain64';
export const STANDARD_XTS_KEY_BITS = 512;
export const STANDARD_ZFS_KEY_BITS = 256;

export interface CipherVerdict {
  severity: 'high' | 'medium';
  reason: string;
}

/** null: the cipher meets the standard, or is not known. */
export function cipherVerdict(layer: CryptLayer): CipherVerdict | null {
  const cipher = layer.cipher?.toLowerCase() ?? null;
  if (cipher === null) return null;
  if (layer.scheme === 'zfs') return zfsVerdict(cipher, layer.keyBits);
  const [name = '', mode = '', ...ivParts] = cipher.split('-');
  const iv = ivParts.join('-');
  if (name === 'cipher_null' || name === 'null') return { severity: 'high', reason: `${cipher}: no encryption at all` };
  if (mode === 'ecb') return { severity: 'high', reason: `${cipher}: ECB leaks every repeated block` };
  if (mode === 'cbc' && (iv === 'plain' || iv === 'plain64' || iv === '')) return { severity: 'high', reason: `${cipher}: CBC with a predictable IV is open to watermarking attacks` };
  if (mode === 'cbc') return { severity: 'medium', reason: `${cipher}: CBC is malleable (cryptsetup's default before 1.6); re-encrypt with ${STANDARD_DM_CIPHER}` };
  if (name !== 'aes' || mode !== 'xts') return { severity: 'medium', reason: `${cipher} is not the standard ${STANDARD_DM_CIPHER}` };
  if (layer.keyBits !== null && layer.keyBits < STANDARD_XTS_KEY_BITS) {
    return { severity: 'medium', reason: `${cipher} with a ${layer.keyBits}-bit key is AES-${layer.keyBits / 2} (XTS splits the key in two); the standard is ${STANDARD_XTS_KEY_BITS} bits` };
  }
  return null;
}

function zfsVerdict(suite: string, keyBits: number | null): CipherVerdict | null {
  if (suite === 'on') return null;
  if (!/^aes-\d+-(gcm|ccm)$/.test(suite)) return { severity: 'medium', reason: `ZFS encryption suite ${suite} is not known to OpsDeck` };
  if (keyBits !== null && keyBits < STANDARD_ZFS_KEY_BITS) return { severity: 'medium', reason: `ZFS ${suite}: a ${keyBits}-bit key; the standard is aes-256-gcm` };
  return null;
}
