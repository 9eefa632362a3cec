// `opsdeck parse access --format sshd-T|authorized-keys|passwd [FILE|-]`
// through the CLI's command table: summaries, exit codes (0 ok, 1 partial or
// unparsed with the status in the JSON, 2 bad usage), options and comments
// kept verbatim.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runOpsdeck } from '../../support/cli-run';

const captured = (name: string) => resolve('tests/unit/access/captured', name);
const dir = mkdtempSync(join(tmpdir(), 'opsdeck-parse-access-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keyLine(comment: string): string {
  const path = join(dir, `key-${Math.random().toString(36).slice(2)}`);
  const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`ssh-keygen is needed (openssh-client): ${made.stderr}`);
  return readFileSync(`${path}.pub`, 'utf8').trim();
}

describe('opsdeck parse access', () => {
  test('--format sshd-T: the captured Debian default says password logins and LogLevel INFO, exit 0', async () => {
    const result = await runOpsdeck(['parse', 'access', '--format', 'sshd-T', captured('sshd-T-debian12-default.txt')]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout)).toMatchObject({
      format: 'sshd-T',
      status: 'ok',
      summary: { passwordLogins: true, permitRootLogin: 'without-password', logLevel: 'INFO', logsKeyFingerprints: false },
    });
  });

  test('--format authorized-keys: command= and markup in comments come out verbatim', async () => {
    const plain = keyLine('<script>alert(1)</script>');
    const forced = `command="echo \\"hi, there\\"",no-pty ${keyLine('backup')}`;
    const file = join(dir, 'authorized_keys');
    writeFileSync(file, `${plain}\n${forced}\n`);
    const result = await runOpsdeck(['parse', 'access', '--format', 'authorized-keys', file]);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { summary: Record<string, unknown>; value: Array<{ options: string; comment: string }> };
    expect(parsed.summary).toEqual({ keys: 2, accounts: 1, withOptions: 1, forcedCommands: 1 });
    expect(parsed.value.map((key) => [key.options, key.comment])).toEqual([
      ['', '<script>alert(1)</script>'],
      ['command="echo \\"hi, there\\"",no-pty', 'backup'],
    ]);
  });

  test('--format passwd; the wrong file for a format exits 1 with status unparsed; a partly broken file exits 1 as partial', async () => {
    const ok = await runOpsdeck(['parse', 'access', '--format', 'passwd', captured('getent-passwd.txt')]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).summary).toMatchObject({ uid0: 1 });
    const wrong = await runOpsdeck(['parse', 'access', '--format', 'authorized-keys', captured('sshd-T-debian12-default.txt')]);
    expect([wrong.code, JSON.parse(wrong.stdout).status]).toEqual([1, 'unparsed']);
    const broken = join(dir, 'passwd');
    writeFileSync(broken, 'alice:x:1000:1000::/home/alice:/bin/bash\nnot a passwd line\n');
    const partial = await runOpsdeck(['parse', 'access', '--format', 'passwd', broken]);
    expect([partial.code, JSON.parse(partial.stdout).status, JSON.parse(partial.stdout).skipped[0].at]).toEqual([1, 'partial', 'line 2']);
  });

  test('bad usage exits 2 and names the formats', async () => {
    const unknown = await runOpsdeck(['parse', 'access', '--format', 'shadow', captured('getent-passwd.txt')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format must be one of sshd-T, authorized-keys, passwd');
    const help = await runOpsdeck(['--help']);
    expect(help.stdout).toMatch(/^ {2}parse access +parse saved access output \(sshd-T, authorized-keys, passwd\)/m);
  });
});
