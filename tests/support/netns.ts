// Throw-away network namespaces for tests, named odt-*, removed afterwards
// (and at the start of a run, in case an earlier one crashed).
import { spawnSync } from 'node:child_process';

export function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')} failed (root and iproute2 needed): ${result.stderr.trim()}`);
}

export function inNetns(netns: string, ...command: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('ip', ['netns', 'exec', netns, ...command], { encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function removeStaleNamespaces(prefix: string): void {
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0];
    if (name && name.startsWith(prefix)) spawnSync('ip', ['netns', 'delete', name]);
  }
}
