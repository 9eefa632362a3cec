// `opsdeck scan` without --accept-new on a fleet whose keys are unknown: each
// unknown key is said once, with the hosts it blocks, and not again on every
// host line or in the summary; progress says it is connecting. With
// --accept-new the same data folder then scans every host.
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runOpsdeck } from '../../support/cli-run';
import { useTempDir } from '../../support/temp-dir';

const dir = useTempDir('opsdeck-cli-keys-');

test('two unknown bastion keys: each fingerprint printed once, with the 12 hosts it blocks; the summary counts failures', async () => {
  const refused = await runOpsdeck(['scan', '--demo', '--data-dir', join(dir.path, 'data')], { HOME: dir.path });
  expect(refused.code).toBe(1);
  const output = refused.stdout + refused.stderr;
  const fingerprints = [...new Set(output.match(/SHA256:[A-Za-z0-9+/]{43}/g) ?? [])];
  expect(fingerprints).toHaveLength(2);
  for (const fingerprint of fingerprints) expect(output.split(fingerprint).length - 1, fingerprint).toBe(1);
  expect(refused.stderr).toMatch(/^connecting to 24 hosts…$/m);
  expect(refused.stderr).toMatch(
    /^unknown host key for nj bastion \(127\.0\.0\.1:\d+\): ssh-ed25519 SHA256:\S+; refused \(verify it, then run again with --accept-new\)\n {2}it blocks 12 hosts: backup1\.nj, cn1\.nj, /m,
  );
  expect(refused.stderr).toMatch(/^unknown host key for sea bastion /m);
  expect(refused.stderr.trim().split('\n').length, refused.stderr).toBeLessThanOrEqual(6);
  expect(refused.stdout).toMatch(/imap1\.nj\s+failed\s+not reached: the host key of nj bastion \(127\.0\.0\.1:\d+\) in front of it is unknown and was not accepted/);
  expect(refused.stdout).toContain('0/24 hosts answered, 24 failed');

  const accepted = await runOpsdeck(['scan', '--demo', '--accept-new', '--data-dir', join(dir.path, 'data')], { HOME: dir.path });
  expect(accepted.code, accepted.stderr).toBe(0);
  expect(accepted.stdout).toContain('24/24 hosts answered');
}, 240_000);
