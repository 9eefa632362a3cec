// The evidence-pack signing key: Ed25519, created on first use, its private
// half kept only in the OS keychain (through the SecretStore). Without a
// keychain nothing is signed unless the caller asks for a one-time key, whose
// private half is forgotten when the pack is written.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store';

export const EVIDENCE_KEY_ACCOUNT = 'evidence-signing-key:ed25519';

export interface EvidenceKey {
  privateKey: KeyObject;
  /** base64 of the SPKI DER public key: what the report prints and verify --key takes. */
  publicKey: string;
  origin: 'keychain' | 'created' | 'one-time';
}

export async function evidenceSigningKey(secrets: SecretStore, options: { oneTime: boolean }): Promise<EvidenceKey> {
  if (options.oneTime) return { ...fresh(), origin: 'one-time' };
  const stored = await secrets.get(EVIDENCE_KEY_ACCOUNT);
  if (stored) {
    const privateKey = createPrivateKey(stored);
    return { privateKey, publicKey: publicKeyText(privateKey), origin: 'keychain' };
  }
  const key = fresh();
  await secrets.set(EVIDENCE_KEY_ACCOUNT, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return { ...key, origin: 'created' };
}

export function publicKeyFromText(text: string): KeyObject {
  const trimmed = text.trim();
  return trimmed.startsWith('-----BEGIN') ? createPublicKey(trimmed) : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
}

function fresh(): { privateKey: KeyObject; publicKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKeyText(privateKey) };
}

function publicKeyText(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
}
