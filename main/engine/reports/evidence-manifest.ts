// The evidence pack's manifest and its check: the sha256 of every file,
// signed with Ed25519 over the manifest's exact bytes. Verification names
// every file changed, added or removed, and says whether the signature holds
// and with which key. Pure (crypto only).
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { publicKeyFromText } from './evidence-key';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';

export interface EvidenceManifest {
  format: 'opsdeck-evidence-pack/1';
  createdAt: string;
  publicKey: string;
  files: Record<string, string>;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function signedManifest(files: Record<string, Uint8Array>, createdAt: string, key: { privateKey: KeyObject; publicKey: string }): Record<string, Uint8Array> {
  const manifest: EvidenceManifest = { format: 'opsdeck-evidence-pack/1', createdAt, publicKey: key.publicKey, files: {} };
  for (const name of Object.keys(files).sort()) manifest.files[name] = sha256(files[name]!);
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  return { [MANIFEST]: bytes, [SIGNATURE]: Buffer.from(`${sign(null, bytes, key.privateKey).toString('base64')}\n`) };
}

export interface PackVerdict {
  ok: boolean;
  signature: 'holds' | 'broken' | 'missing';
  /** Whose key: the one given (--key), or only the pack's own (which proves integrity, not origin). */
  keySource: 'given' | 'pack';
  changed: string[];
  added: string[];
  removed: string[];
  problems: string[];
}

export function verifyPack(entries: Record<string, Uint8Array>, givenKey: string | null): PackVerdict {
  const verdict: PackVerdict = { ok: false, signature: 'missing', keySource: givenKey ? 'given' : 'pack', changed: [], added: [], removed: [], problems: [] };
  const manifestBytes = entries[MANIFEST];
  const signature = entries[SIGNATURE];
  if (!manifestBytes) return { ...verdict, problems: [`${MANIFEST} is missing: this is not an OpsDeck evidence pack, or it was emptied`] };
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8')) as EvidenceManifest;
  } catch {
    return { ...verdict, problems: [`${MANIFEST} is not JSON`] };
  }
  try {
    const key = publicKeyFromText(givenKey ?? manifest.publicKey);
    verdict.signature = signature ? (verify(null, manifestBytes, key, Buffer.from(Buffer.from(signature).toString('utf8').trim(), 'base64')) ? 'holds' : 'broken') : 'missing';
  } catch (error) {
    verdict.signature = 'broken';
    verdict.problems.push(`the key could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (givenKey && manifest.publicKey !== publicKeyFromText(givenKey).export({ type: 'spki', format: 'der' }).toString('base64')) {
    verdict.problems.push('the pack names another public key than the one given');
  }
  for (const [name, hash] of Object.entries(manifest.files ?? {})) {
    const bytes = entries[name];
    if (!bytes) verdict.removed.push(name);
    else if (sha256(bytes) !== hash) verdict.changed.push(name);
  }
  for (const name of Object.keys(entries)) if (name !== MANIFEST && name !== SIGNATURE && !(name in (manifest.files ?? {}))) verdict.added.push(name);
  verdict.ok = verdict.signature === 'holds' && verdict.changed.length + verdict.added.length + verdict.removed.length + verdict.problems.length === 0;
  return verdict;
}
