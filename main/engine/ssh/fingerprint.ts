// SSH public-key fingerprints in the form operators compare out of band.
import { createHash } from 'node:crypto';

/**
 * `SHA256:<base64 without padding>` of the public key blob, exactly as
 * `ssh-keygen -lf` (OpenSSH >= 6.8) and ssh's host-key prompts print it.
 */
export function sha256Fingerprint(keyBlob: Buffer): string {
  const digest = createHash('sha256').update(keyBlob).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}
