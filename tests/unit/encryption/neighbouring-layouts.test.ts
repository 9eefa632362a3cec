// Issue 18, encryption formats: the layouts users really paste beside the
// one OpsDeck asks for are read the same (zfs get with or without -H/-p,
// lsblk -J with PATH instead of NAME), or refused naming the columns and
// flags OpsDeck needs — never "ok" with 0 volumes. Inputs: the shared
// fixtures rewritten into each layout as zfs(8) and lsblk(8) print them
// (zfs is not installed here), and a real `lsblk -J -o PATH,…` shape.
import { describe, expect, test } from 'vitest';
import { parseEncryptionForCli } from '../../../main/engine/collectors/encryption/encryption-cli';
import { parseLsblkJson } from '../../../main/engine/collectors/encryption/lsblk-json';
import { parseZfsGet } from '../../../main/engine/collectors/encryption/zfs-get';
import { fixture } from '../../support/fixtures';

/** `zfs get` rows: name, property, value, source. */
const ROWS: Array<[string, string, string, string]> = [
  ['zones', 'encryption', 'aes-256-gcm', '-'],
  ['zones', 'keystatus', 'available', '-'],
  ['zones', 'mountpoint', '/zones', 'default'],
  ['zones', 'usedbydataset', '1298871296', '-'],
  ['zones/data', 'encryption', 'off', 'local'],
  ['zones/data', 'keystatus', '-', '-'],
  ['zones/data', 'mountpoint', '/zones/my data', 'local'],
  ['zones/data', 'usedbydataset', '52613349376', '-'],
];
const USED_HUMAN: Record<string, string> = { '1298871296': '1.21G', '52613349376': '49.0G' };

/** zfs get without -H: a header and every column padded to its widest cell plus two spaces (zfs_main.c print_header). */
function aligned(columns: string[], rows: string[][]): string {
  const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index]! + 2)))
      .join('')
      .trimEnd();
  return `${[line(columns), ...rows.map(line)].join('\n')}\n`;
}

const withoutSpaces = ROWS;

describe('zfs get: the layouts beside -H -p -o name,property,value', () => {
  const expected = parseZfsGet(withoutSpaces.map(([name, property, value]) => `${name}\t${property}\t${value}`).join('\n'), '', 0);

  test('the layout OpsDeck asks for reads both datasets, the unencrypted child included', () => {
    expect(expected.status).toBe('ok');
    expect(expected.value!.map((dataset) => [dataset.name, dataset.encrypted, dataset.usedBytes])).toEqual([
      ['zones', true, 1298871296],
      ['zones/data', false, 52613349376],
    ]);
  });

  test('without -H (header, aligned columns, SOURCE): the same datasets, the unencrypted child under an encrypted parent not lost', () => {
    const parsed = parseZfsGet(aligned(['NAME', 'PROPERTY', 'VALUE', 'SOURCE'], withoutSpaces), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toEqual(expected.value);
    expect(parsed.warnings.join(' ')).toContain('header');
    const cli = parseEncryptionForCli('zfs-get', aligned(['NAME', 'PROPERTY', 'VALUE', 'SOURCE'], withoutSpaces));
    expect(cli.summary).toMatchObject({ datasets: 2, encrypted: 1, unencrypted: 'zones/data' });
  });

  test('without -H with -o name,property,value, and a value holding spaces, read by the header positions', () => {
    const parsed = parseZfsGet(
      aligned(
        ['NAME', 'PROPERTY', 'VALUE'],
        ROWS.map((row) => row.slice(0, 3)),
      ),
      '',
      0,
    );
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toEqual(expected.value);
    expect(parsed.value![1]!.mountpoint).toBe('/zones/my data');
  });

  test('-H without -o (a fourth SOURCE field): the value is the third field, not "value<TAB>source"', () => {
    const parsed = parseZfsGet(withoutSpaces.map((row) => row.join('\t')).join('\n'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toEqual(expected.value);
  });

  test('without -p: rounded sizes are read as approximate bytes, encryption the same', () => {
    const rows = withoutSpaces.map(([name, property, value]) => `${name}\t${property}\t${USED_HUMAN[value] ?? value}`);
    const parsed = parseZfsGet(rows.join('\n'), '', 0);
    expect(parsed.value!.map((dataset) => [dataset.name, dataset.encrypted, dataset.usedBytes])).toEqual([
      ['zones', true, Math.round(1.21 * 1024 ** 3)],
      ['zones/data', false, 49 * 1024 ** 3],
    ]);
  });

  test('a row that is not (dataset, property, value) among real rows makes the reading partial, naming the line', () => {
    const text = `${fixture('smartos/zfs-get-encryption.txt')}this is not a zfs row\n`;
    const parsed = parseZfsGet(text, '', 0);
    expect(parsed.status).toBe('partial');
    expect(parsed.skipped).toEqual([{ at: `line ${text.trimEnd().split('\n').length}`, text: 'this is not a zfs row', reason: expect.stringContaining('TAB-separated') }]);
  });

  test('random bytes, and random text, are refused, never thousands of datasets', () => {
    const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, index) => (index * 7919 + 13) % 256)).toString('latin1');
    expect(parseZfsGet(bytes, '', 0)).toMatchObject({ status: 'unparsed', value: null });
    const words = Array.from({ length: 500 }, (_, index) => `w${index}\tx y\t${index}`).join('\n');
    expect(parseZfsGet(words, '', 0)).toMatchObject({ status: 'unparsed', message: expect.stringMatching(/^not zfs get output/) });
  });
});

describe('lsblk -J: PATH instead of NAME, and missing columns', () => {
  const named = fixture('debian/lsblk-J-luks.txt');
  /** The same tree as `lsblk -J -o PATH,…` prints it: /dev/<name>, /dev/mapper/<name> for device-mapper devices. */
  const withPath = JSON.stringify(
    JSON.parse(named, (key, value: unknown) => {
      if (value && typeof value === 'object' && !Array.isArray(value) && 'name' in value) {
        const { name, ...rest } = value as { name: string; type: string };
        return { path: ['crypt', 'lvm', 'dm'].includes(rest.type) ? `/dev/mapper/${name}` : `/dev/${name}`, ...rest };
      }
      return value;
    }),
  );

  test('PATH and no NAME: the same devices and volumes, encrypted / and /data included', () => {
    const byName = parseEncryptionForCli('lsblk-json', named);
    const byPath = parseEncryptionForCli('lsblk-json', withPath);
    expect(byPath.status).toBe('ok');
    expect(byPath.summary).toEqual(byName.summary);
    expect(byPath.volumes!.map((volume) => [volume.name, volume.encryption])).toEqual(byName.volumes!.map((volume) => [volume.name, volume.encryption]));
    expect(byPath.volumes!.filter((volume) => volume.encryption === 'encrypted').length).toBeGreaterThan(0);
  });

  test('the shape lsblk 2.38 really prints for -o PATH,TYPE,FSTYPE,SIZE,MOUNTPOINTS is read', () => {
    const real =
      '{\n   "blockdevices": [\n      {\n         "path": "/dev/vda",\n         "type": "disk",\n         "fstype": null,\n         "size": 274877906944,\n         "mountpoints": [\n             "/run/netns", "/"\n         ]\n      }\n   ]\n}\n';
    expect(parseLsblkJson(real, '', 0)).toMatchObject({ status: 'ok', value: { devices: [{ name: 'vda', type: 'disk', mountpoints: ['/run/netns', '/'] }] } });
  });

  test('without MOUNTPOINT(S): refused, naming the column and the command OpsDeck reads', () => {
    const text = JSON.stringify({ blockdevices: [{ name: 'sda', type: 'disk', fstype: null, size: 1, children: [{ name: 'sda1', type: 'part', fstype: 'ext4', size: 1 }] }] });
    expect(parseLsblkJson(text, '', 0)).toMatchObject({
      status: 'unparsed',
      message: expect.stringMatching(/without the MOUNTPOINTS or MOUNTPOINT column\(s\).*lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID/),
    });
  });

  test('without NAME or PATH, or without TYPE: refused naming each missing column', () => {
    const text = JSON.stringify({ blockdevices: [{ size: 1, mountpoint: '/' }] });
    expect(parseLsblkJson(text, '', 0).message).toContain('without the NAME or PATH, TYPE column(s)');
  });

  test('without FSTYPE: the devices are read, the reading is partial and says what cannot be told', () => {
    const text = JSON.stringify({ blockdevices: [{ name: 'sda', type: 'disk', mountpoints: [null], children: [{ name: 'sda1', type: 'part', mountpoints: ['/'] }] }] });
    const parsed = parseLsblkJson(text, '', 0);
    expect(parsed.status).toBe('partial');
    expect(parsed.value!.devices[0]!.children[0]!.mountpoints).toEqual(['/']);
    expect(parsed.skipped).toEqual([{ at: 'columns', text: 'NAME,TYPE,MOUNTPOINTS', reason: expect.stringContaining('no FSTYPE column') }]);
  });

  test('a device entry without a name among named ones is listed as skipped, and the host is "not fully judged"', () => {
    const document = JSON.parse(named) as { blockdevices: Array<Record<string, unknown>> };
    document.blockdevices.push({ type: 'disk', fstype: null, mountpoint: '/srv/other', size: '1T', uuid: null });
    const cli = parseEncryptionForCli('lsblk-json', JSON.stringify(document));
    expect(cli.status).toBe('partial');
    expect(cli.skipped).toEqual([{ at: `blockdevices[${document.blockdevices.length - 1}]`, text: expect.stringContaining('/srv/other'), reason: expect.stringContaining('without a NAME') }]);
  });
});
