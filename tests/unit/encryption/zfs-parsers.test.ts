import { describe, expect, test } from 'vitest';
import { parseSysinfo } from '../../../main/engine/collectors/encryption/sysinfo';
import { parseZfsGet } from '../../../main/engine/collectors/encryption/zfs-get';
import { parseZpoolStatus } from '../../../main/engine/collectors/encryption/zpool-status';
import { expectMatchesExpected, fixture } from './support/encryption-fixtures';

describe('zfs get -H -p (encryption properties)', () => {
  test('zfs-get-encryption.txt: grouped by dataset; `-` and `none` are not values; keylocation only on the root', () => {
    const parsed = parseZfsGet(fixture('smartos/zfs-get-encryption.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    const byName = new Map(parsed.value!.map((dataset) => [dataset.name, dataset]));
    expect(parsed.value!.map((dataset) => dataset.name)).toEqual(['zones', 'zones/7f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 'zones/archive', 'zones/boot', 'zones/config', 'zones/dump', 'zones/swap']);
    expect(byName.get('zones')).toMatchObject({
      pool: 'zones',
      parent: null,
      encryption: 'aes-256-gcm',
      encrypted: true,
      keystatus: 'available',
      keyformat: 'passphrase',
      keylocation: 'prompt',
      type: null,
    });
    expect(byName.get('zones/archive')).toMatchObject({ parent: 'zones', keylocation: null, keyformat: 'passphrase' });
    expect(byName.get('zones/boot')).toMatchObject({ encryption: 'off', encrypted: false, keystatus: null, keyformat: null, keylocation: null });
    expectMatchesExpected('zfs-get-encryption', parsed);
  });

  test('zfs-get-encryption-unencrypted.txt: off, -, none, none', () => {
    const parsed = parseZfsGet(fixture('smartos/zfs-get-encryption-unencrypted.txt'), '', 0);
    expect(parsed.value).toEqual([expect.objectContaining({ name: 'zones', encryption: 'off', encrypted: false, keystatus: null, keyformat: null, keylocation: null, encryptionRoot: null })]);
  });

  test('the full command adds encryptionroot and mountpoint: `-` mountpoint is a volume; used (-p) is bytes', () => {
    const text = ['zones/swap\tencryption\taes-256-gcm', 'zones/swap\tencryptionroot\tzones', 'zones/swap\tmountpoint\t-', 'zones/var\tmountpoint\tlegacy', 'zones/var\tused\t12897484', ''].join('\n');
    const parsed = parseZfsGet(text, '', 0);
    expect(parsed.value!.map((dataset) => [dataset.name, dataset.type, dataset.mountpoint, dataset.encryptionRoot, dataset.usedBytes])).toEqual([
      ['zones/swap', 'volume', null, 'zones', null],
      ['zones/var', 'filesystem', 'legacy', null, 12897484],
    ]);
  });

  test('zfs-list-H.txt is not zfs get output: refused, nothing invented', () => {
    const parsed = parseZfsGet(fixture('smartos/zfs-list-H.txt'), '', 0);
    // name, used, avail, mountpoint: a size where the property name should be.
    expect(parsed).toMatchObject({ status: 'unparsed', value: null, message: expect.stringMatching(/^not zfs get output: \d+ of \d+ lines/) });
  });

  test('platforms before native encryption reject the property list: unsupported with the raw message', () => {
    const parsed = parseZfsGet('', "bad property list: invalid property 'encryption'\nusage:\n\tget [-rHp] ...\n", 2);
    expect(parsed.status).toBe('unsupported');
    expect(parsed.message).toContain("invalid property 'encryption'");
    expect(parseZfsGet('', 'bash: line 1: zfs: command not found\n', 127).status).toBe('tool-missing');
  });
});

describe('zpool status', () => {
  test('zpool-status.txt: header fields, raidz3 config tree from TAB + 2-space indents, leaf disks', () => {
    const parsed = parseZpoolStatus(fixture('smartos/zpool-status.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.warnings).toEqual([]);
    const [pool] = parsed.value!;
    expect(pool).toMatchObject({ name: 'zones', state: 'ONLINE', errors: 'No known data errors', scan: expect.stringContaining('scrub repaired 0 in 0 days 00:41:07') });
    expect(pool!.disks).toEqual(['c1t1d0', 'c3t0d0', 'c3t1d0', 'c3t2d0', 'c3t3d0']);
    expect(pool!.config[0]!.children[0]).toMatchObject({ name: 'raidz3-0', state: 'ONLINE', read: '0' });
    expectMatchesExpected('zpool-status', parsed);
  });

  test('a degraded pool with status/action continuation lines, a device note, spares and logs groups', () => {
    const text = [
      '  pool: zones',
      ' state: DEGRADED',
      'status: One or more devices could not be opened.  Sufficient replicas exist for',
      '\tthe pool to continue functioning in a degraded state.',
      "action: Attach the missing device and online it using 'zpool online'.",
      '   see: http://illumos.org/msg/ZFS-8000-2Q',
      '  scan: none requested',
      'config:',
      '',
      '\tNAME        STATE     READ WRITE CKSUM',
      '\tzones       DEGRADED     0     0     0',
      '\t  mirror-0  DEGRADED     0     0     0',
      '\t    c1t0d0  ONLINE       0     0     0',
      '\t    c1t1d0  UNAVAIL      0     0     0  cannot open',
      '\tlogs',
      '\t  c2t0d0    ONLINE       0     0     0',
      '\tspares',
      '\t  c3t0d0    AVAIL',
      '',
      'errors: No known data errors',
      '',
    ].join('\n');
    const [pool] = parseZpoolStatus(text, '', 0).value!;
    expect(pool!.status).toBe('One or more devices could not be opened.  Sufficient replicas exist for\nthe pool to continue functioning in a degraded state.');
    expect(pool!.see).toBe('http://illumos.org/msg/ZFS-8000-2Q');
    expect(pool!.disks).toEqual(['c1t0d0', 'c1t1d0']);
    expect(pool!.config.map((row) => row.name)).toEqual(['zones', 'logs', 'spares']);
    expect(pool!.config[0]!.children[0]!.children[1]).toMatchObject({ name: 'c1t1d0', state: 'UNAVAIL', note: 'cannot open' });
    expect(pool!.config[2]!.children[0]).toMatchObject({ name: 'c3t0d0', state: 'AVAIL', read: null });
  });

  test('no pools; tool missing', () => {
    expect(parseZpoolStatus('no pools available\n', '', 0)).toMatchObject({ status: 'ok', value: [] });
    expect(parseZpoolStatus('', 'bash: line 1: zpool: command not found\n', 127).status).toBe('tool-missing');
  });
});

describe('sysinfo', () => {
  test('sysinfo.txt: the zones pool is encrypted; sizes; disks; Boot Parameters never copied', () => {
    const parsed = parseSysinfo(fixture('smartos/sysinfo.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toEqual({
      hostname: 'smartos01',
      liveImage: '20241128T004404Z',
      zpool: 'zones',
      zpoolEncrypted: true,
      zpoolSizeBytes: 1780 * 1024 ** 3,
      zpoolDisks: ['c1t1d0', 'c3t0d0', 'c3t1d0', 'c3t2d0', 'c3t3d0'],
      zpoolProfile: 'raidz3',
      disks: { c1t1d0: 1e12, c3t0d0: 1e12, c3t1d0: 1e12, c3t2d0: 1e12, c3t3d0: 1e12, c2t0d0: 32e9 },
    });
    expect(JSON.stringify(parsed)).not.toContain('console');
  });

  test('sysinfo-unencrypted-pool.txt: "Zpool Encrypted": false', () => {
    expect(parseSysinfo(fixture('smartos/sysinfo-unencrypted-pool.txt'), '', 0).value!.zpoolEncrypted).toBe(false);
  });

  test('a platform before 2019 (no "Zpool Encrypted") says it does not know; a zone has no pool', () => {
    const old = parseSysinfo(JSON.stringify({ Hostname: 'cn1', Zpool: 'zones', 'Zpool Size in GiB': 100 }), '', 0);
    expect(old.value!.zpoolEncrypted).toBeNull();
    expect(old.warnings).toEqual(['sysinfo does not say whether the zones pool is encrypted (platform before 2019?)']);
    expect(parseSysinfo(JSON.stringify({ Hostname: 'zone1', 'ZFS Quota': '10G' }), '', 0).value).toMatchObject({ zpool: null, zpoolEncrypted: null });
  });

  test('failures', () => {
    expect(parseSysinfo('', 'bash: line 1: sysinfo: command not found\n', 127).status).toBe('tool-missing');
    expect(parseSysinfo('{"Live Image": ', '', 0).status).toBe('unparsed');
    expect(parseSysinfo('[]', '', 0).status).toBe('unparsed');
    expect(parseSysinfo('{"blockdevices": []}', '', 0)).toMatchObject({ status: 'unparsed', message: expect.stringContaining('not sysinfo output') });
  });
});
