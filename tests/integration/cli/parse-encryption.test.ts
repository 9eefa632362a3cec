// `opsdeck parse encryption --format F [FILE|-]` through the CLI's command
// table (argument handling, exit codes, help), and once as a real process
// reading the output from stdin, as an operator pipes it from a host.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useBundledChild } from '../../support/bundle-for-child';
import { runOpsdeck, runOpsdeckProcess } from '../../support/cli-run';
import { fixture, FIXTURES_DIR } from '../../support/fixtures';

const fixturePath = (relative: string) => join(FIXTURES_DIR, relative);

describe('opsdeck parse encryption (command table)', () => {
  test('lsblk-json from a file: JSON with the summary and the derived volumes, exit 0', async () => {
    const result = await runOpsdeck(['parse', 'encryption', '--format', 'lsblk-json', fixturePath('debian/lsblk-J-luks.txt')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { format: string; status: string; summary: Record<string, unknown>; volumes: { name: string; encryption: string; layers: string[] }[] };
    expect(parsed).toMatchObject({ format: 'lsblk-json', status: 'ok', summary: { volumes: 6, encryptedVolumes: 4 } });
    expect(parsed.volumes.find((volume) => volume.name === 'debian--vg-root')).toMatchObject({ encryption: 'encrypted', layers: ['nvme0n1', 'nvme0n1p3', 'nvme0n1p3_crypt', 'debian--vg-root'] });
  });

  test('every format is accepted; an output the parser rejects exits 1 with its status in the JSON', async () => {
    const ok = await runOpsdeck(['parse', 'encryption', '--format', 'crypttab', fixturePath('debian/crypttab.txt')]);
    expect([ok.code, JSON.parse(ok.stdout).summary]).toEqual([0, { entries: 4, noauto: 1, swap: 1, withKeyFile: 1 }]);
    const status = await runOpsdeck(['parse', 'encryption', '--format', 'cryptsetup-status', fixturePath('debian/cryptsetup-status.txt')]);
    expect([status.code, JSON.parse(status.stdout).summary.types]).toEqual([0, 'LUKS2']);
    const wrong = await runOpsdeck(['parse', 'encryption', '--format', 'lsblk-json', fixturePath('smartos/zfs-get-encryption.txt')]);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ format: 'lsblk-json', status: 'unparsed' });
  });

  test('bad usage exits 2 and names the formats; a missing file exits 2 naming it', async () => {
    const unknown = await runOpsdeck(['parse', 'encryption', '--format', 'zfs-list', fixturePath('smartos/zfs-list-H.txt')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format must be one of lsblk-json, cryptsetup-status, crypttab, zfs-get');
    expect(unknown.stderr).toContain('usage: opsdeck parse encryption --format lsblk-json|cryptsetup-status|crypttab|zfs-get [FILE|-]');
    const twoFiles = await runOpsdeck(['parse', 'encryption', '--format', 'crypttab', 'a', 'b']);
    expect([twoFiles.code, twoFiles.stderr]).toEqual([2, expect.stringContaining('give at most one file')]);
    const missing = await runOpsdeck(['parse', 'encryption', '--format', 'crypttab', '/nonexistent/crypttab']);
    expect([missing.code, missing.stderr]).toEqual([2, 'cannot read /nonexistent/crypttab: ENOENT\n']);
  });

  test('listed in the overall help, with its own --help', async () => {
    const help = await runOpsdeck(['--help']);
    expect(help.stdout).toMatch(/^ {2}parse encryption +parse saved encryption output \(lsblk-json, cryptsetup-status, crypttab, zfs-get\)/m);
    const own = await runOpsdeck(['parse', 'encryption', '--help']);
    expect([own.code, own.stdout]).toEqual([0, expect.stringContaining('usage: opsdeck parse encryption --format')]);
  });
});

describe('opsdeck parse encryption (a real process, from stdin)', () => {
  const cli = useBundledChild('main/cli.ts');

  test('`-` reads the zfs get output from stdin', async () => {
    const { code, stdout, stderr } = await runOpsdeckProcess(cli.path, ['parse', 'encryption', '--format', 'zfs-get', '-'], { stdin: fixture('smartos/zfs-get-encryption.txt') });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { summary: Record<string, unknown>; volumes: { name: string; class: string; encryption: string }[] };
    expect(parsed.summary).toEqual({ datasets: 7, encrypted: 6, unencrypted: 'zones/boot', keysUnavailable: 0 });
    expect(parsed.volumes.find((volume) => volume.name === 'zones/boot')).toMatchObject({ class: 'boot', encryption: 'unencrypted' });
  });
});
