// A self-signed P-256 certificate and key made by the real `openssl`, for a
// real TLS server in a test or the lab: its first name is the subject, all
// of them are subjectAltNames, and it expires after `days`.
import { spawnSync } from 'node:child_process';

export function makeSelfSignedCertificate(files: { certificate: string; key: string }, names: string[], days: number): void {
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      files.key,
      '-out',
      files.certificate,
      '-days',
      String(days),
      '-subj',
      `/CN=${names[0]}`,
      '-addext',
      `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`,
    ],
    { encoding: 'utf8' },
  );
  if (made.error) throw new Error(`openssl is needed for a test TLS server and could not run: ${made.error.message} (apt-get install openssl)`);
  if (made.status !== 0) throw new Error(`openssl req failed (exit ${made.status}): ${made.stderr.trim()}`);
}
