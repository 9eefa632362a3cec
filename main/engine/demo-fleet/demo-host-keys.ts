// Host keys of the demo's bastions and hosts: Ed25519, derived from the
// fleet seed and the machine's name, so they are stable across restarts and
// unique per fleet. The `changed` variant is what a host with the
// changed-host-key fault presents instead.
import { createHmac } from 'node:crypto';
import { ed25519Fingerprint, ed25519FromSeed, openSshPrivateKeyFile, openSshPublicKeyLine, type Ed25519KeyPair } from './openssh-key-format';

export interface DemoHostKey {
  pair: Ed25519KeyPair;
  /** `SHA256:…` as ssh and OpsDeck print it. */
  fingerprint: string;
  /** `ssh-ed25519 AAAA…` (no comment), for known_hosts. */
  publicKeyLine: string;
}

export function demoHostKey(fleetSeed: Buffer, machineName: string, variant: 'normal' | 'changed' = 'normal'): DemoHostKey {
  const seed = createHmac('sha256', fleetSeed).update(`opsdeck-demo-host-key\0${variant}\0${machineName}`).digest();
  const pair = ed25519FromSeed(seed);
  return { pair, fingerprint: ed25519Fingerprint(pair.publicKey), publicKeyLine: openSshPublicKeyLine(pair.publicKey, '') };
}

export function hostKeyFile(key: DemoHostKey, machineName: string): string {
  return openSshPrivateKeyFile(key.pair, `root@${machineName}`);
}
