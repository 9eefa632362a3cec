// Which files a restore test restores: a seeded random sample of the
// snapshot's regular files (the seed is kept in the evidence, so the same
// sample can be drawn again) plus the policy's canaries, which are always in.
import { createHash } from 'node:crypto';
import type { SnapshotFile } from '../collectors/backups/restic-ls';

export function sampleFiles(files: SnapshotFile[], count: number, seed: string, canaries: string[]): string[] {
  const canarySet = new Set(canaries);
  const ranked = files
    .filter((file) => !canarySet.has(file.path))
    .map((file) => ({ path: file.path, rank: createHash('sha256').update(seed).update('\0').update(file.path).digest('hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return [...canaries, ...ranked.slice(0, Math.max(0, count)).map((file) => file.path)];
}
