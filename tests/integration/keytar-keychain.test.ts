// Secrets reach the real OS keychain: keytar against gnome-keyring in a
// private D-Bus session (never the developer's own keyring).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { bundleForChild } from '../support/bundle-for-child';

function which(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

test('a passphrase is stored, read, listed and deleted in gnome-keyring through keytar', async () => {
  if (!which('dbus-run-session')) throw new Error('dbus-run-session is missing: install the Debian package dbus');
  if (!which('gnome-keyring-daemon')) throw new Error('gnome-keyring-daemon is missing: install the Debian package gnome-keyring');
  const child = await bundleForChild(join(process.cwd(), 'tests/support/children/keytar-round-trip.ts'));
  const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', `echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "${process.execPath}" "${child}"`], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, HOME: join(process.cwd(), 'test-artifacts') },
  });
  expect(run.status, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({
    got: 's3cret phrase',
    listed: ['passphrase:/tmp/id_ed25519'],
    deleted: true,
    after: null,
  });
});
