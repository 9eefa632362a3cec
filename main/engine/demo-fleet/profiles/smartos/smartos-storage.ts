// Storage outputs of a SmartOS demo node: `zfs get -H -p -o name,property,
// value encryption,keystatus,keyformat,keylocation,encryptionroot,mountpoint,
// usedbydataset -t filesystem,volume` (TAB separated, dataset by dataset) and `zpool status`.
import { DAY_MS, ctime } from '../time-format';
import type { ComputeNode } from './compute-node';
import { hashInt } from '../../seeded-hash';

interface Dataset {
  name: string;
  mountpoint: string;
  encrypted: boolean;
}

function datasets(node: ComputeNode): Dataset[] {
  const list: Dataset[] = [
    { name: 'zones', mountpoint: '/zones', encrypted: true },
    { name: `zones/${node.imageUuid}`, mountpoint: `/zones/${node.imageUuid}`, encrypted: true },
    ...node.zones.map((zone) => ({ name: `zones/${zone.uuid}`, mountpoint: `/zones/${zone.uuid}`, encrypted: true })),
    { name: 'zones/archive', mountpoint: '/zones/archive', encrypted: true },
    // piadm creates the boot filesystem with encryption=off (piadm.sh): loader cannot read encrypted datasets.
    { name: 'zones/boot', mountpoint: '/zones/boot', encrypted: false },
    { name: 'zones/config', mountpoint: 'legacy', encrypted: true },
    { name: 'zones/cores', mountpoint: 'none', encrypted: true },
    { name: 'zones/cores/global', mountpoint: '/zones/global/cores', encrypted: true },
    { name: 'zones/dump', mountpoint: '-', encrypted: true },
    { name: 'zones/opt', mountpoint: 'legacy', encrypted: true },
    { name: 'zones/swap', mountpoint: '-', encrypted: true },
    { name: 'zones/usbkey', mountpoint: 'legacy', encrypted: true },
    { name: 'zones/var', mountpoint: 'legacy', encrypted: true },
  ];
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const GiB = 1024 ** 3;

/** Bytes a demo dataset holds itself: zone roots and the archive are large, system datasets small. */
function usedByDataset(node: ComputeNode, dataset: Dataset): number {
  const seed = `${node.serverUuid}:${dataset.name}`;
  if (dataset.name === 'zones') return hashInt(1, 4, seed, 'root') * 1024 ** 2 * 100;
  if (dataset.name === 'zones/archive' || /^zones\/[0-9a-f-]{36}$/.test(dataset.name)) return hashInt(20, 400, seed, 'data') * GiB;
  if (dataset.name === 'zones/swap' || dataset.name === 'zones/dump') return hashInt(8, 64, seed, 'zvol') * GiB;
  return hashInt(1, 4000, seed, 'system') * 1024 ** 2;
}

export function zfsGetEncryption(node: ComputeNode): string {
  const lines: string[] = [];
  for (const dataset of datasets(node)) {
    const isRoot = dataset.name === 'zones';
    const values: Array<[string, string]> = dataset.encrypted
      ? [
          ['encryption', 'aes-256-gcm'],
          ['keystatus', 'available'],
          ['keyformat', 'passphrase'],
          ['keylocation', isRoot ? 'prompt' : 'none'],
          ['encryptionroot', 'zones'],
        ]
      : [
          ['encryption', 'off'],
          ['keystatus', '-'],
          ['keyformat', 'none'],
          ['keylocation', 'none'],
          ['encryptionroot', '-'],
        ];
    values.push(['mountpoint', dataset.mountpoint], ['usedbydataset', String(usedByDataset(node, dataset))]);
    for (const [property, value] of values) lines.push(`${dataset.name}\t${property}\t${value}`);
  }
  return `${lines.join('\n')}\n`;
}

export function zpoolStatus(hostName: string, node: ComputeNode, now: Date): string {
  // Scrubs run early every Sunday.
  const dayIndex = Math.floor(now.getTime() / DAY_MS);
  const sinceSunday = (new Date(dayIndex * DAY_MS).getUTCDay() + 7) % 7 || 7;
  const durationS = hashInt(9_000, 16_000, hostName, 'scrub');
  const finished = new Date((dayIndex - sinceSunday) * DAY_MS + 2 * 3_600_000 + durationS * 1000);
  const hms = [Math.floor(durationS / 3600), Math.floor((durationS % 3600) / 60), durationS % 60].map((value) => String(value).padStart(2, '0')).join(':');
  const row = (name: string, indent: number) => `\t${`${' '.repeat(indent)}${name}`.padEnd(11)} ONLINE       0     0     0`;
  return [
    '  pool: zones',
    ' state: ONLINE',
    `  scan: scrub repaired 0 in 0 days ${hms} with 0 errors on ${ctime(finished)}`,
    'config:',
    '',
    '\tNAME        STATE     READ WRITE CKSUM',
    row('zones', 0),
    row('raidz2-0', 2),
    ...node.disks.map((disk) => row(disk, 4)),
    '',
    'errors: No known data errors',
    '',
  ].join('\n');
}
