// Identity and platform outputs of a SmartOS demo node: /etc/release
// (build_etcrelease layout), uname -v, kstat boot_time, piadm list (printf
// widths from piadm.sh) and sysinfo (output_json() layout, 2-space JSON with
// one-line disk/NIC objects).
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hashHex, hashInt } from '../../seeded-hash';
import { epochSeconds, platformStamp } from '../time-format';
import type { ComputeNode } from './compute-node';

function copyrightHolder(built: Date): string {
  if (built < new Date('2022-04-01T00:00:00Z')) return 'Joyent, Inc.';
  if (built < new Date('2025-07-01T00:00:00Z')) return 'MNX Cloud, Inc.';
  return 'Edgecast Cloud LLC.';
}

export function etcRelease(node: ComputeNode): string {
  const stamp = platformStamp(node.running);
  const branch = `release-${stamp.slice(0, 8)}`;
  const built = epochSeconds(node.running);
  const components = [
    ['smartos-live', 'TritonDataCenter/smartos-live'],
    ['illumos-joyent', 'TritonDataCenter/illumos-joyent'],
    ['illumos-extra', 'TritonDataCenter/illumos-extra'],
    ['kvm', 'TritonDataCenter/illumos-kvm'],
    ['kvm-cmd', 'TritonDataCenter/illumos-kvm-cmd'],
    ['mdata-client', 'TritonDataCenter/mdata-client'],
  ].map(([repo, path], index) => ({
    repo,
    branch,
    commit_date: String(built - 4 * 3600 - index * 97),
    rev: hashHex(40, stamp, repo!),
    url: `https://github.com/${path}.git`,
  }));
  const title = `SmartOS ${stamp} x86_64`;
  const copyright = `Copyright ${node.running.getUTCFullYear()} ${copyrightHolder(node.running)}`;
  return `${title.padStart(21 + title.length)}\n${copyright.padStart(23 + copyright.length)}\n\n  Built with the following components:\n\n${JSON.stringify(components, null, 4)}\n`;
}

export function unameV(node: ComputeNode): string {
  return `joyent_${platformStamp(node.running)}\n`;
}

export function kstatBootTime(node: ComputeNode): string {
  return `unix:0:system_misc:boot_time\t${epochSeconds(node.bootTime)}\n`;
}

/** piadm list: header has a trailing space (printf `%-4s \n`), rows are padded. */
export function piadmList(node: ComputeNode): string {
  const row = (a: string, b: string, c: string, d: string, e: string) => `${a.padEnd(22)} ${b.padEnd(30)} ${c.padEnd(10)} ${d.padEnd(4)} ${e.padEnd(4)}`;
  const lines = [`${row('PI STAMP', 'BOOTABLE FILESYSTEM', 'BOOT IMAGE', 'NOW', 'NEXT')} `];
  for (const image of node.platformImages) {
    const now = image.getTime() === node.running.getTime();
    lines.push(row(platformStamp(image), 'zones/boot', now ? 'next' : 'available', now ? 'yes' : 'no', now ? 'yes' : 'no'));
  }
  return `${lines.join('\n')}\n`;
}

export function sysinfoJson(host: DemoHostSpec, node: ComputeNode): string {
  const disks = node.disks
    .map((disk) => `    "${disk}": {"Size in GB": 3840}`)
    .concat('    "c2t0d0": {"Size in GB": 32}')
    .join(',\n');
  const mac = (index: number) => `00:53:00:${hashHex(2, host.name, 'mac', 1)}:${hashHex(2, host.name, 'mac', 2)}:${(0x50 + index).toString(16)}`;
  return `{
  "Live Image": "${platformStamp(node.running)}",
  "System Type": "SunOS",
  "Boot Time": "${epochSeconds(node.bootTime)}",
  "Manufacturer": "Supermicro",
  "Product": "SYS-1029U-TN10RT",
  "Serial Number": "S${hashInt(100_000_000, 999_999_999, host.name, 'serial')}",
  "SKU Number": "To be filled by O.E.M.",
  "HW Version": "0123456789",
  "HW Family": "To be filled by O.E.M.",
  "Setup": "true",
  "VM Capable": true,
  "Bhyve Capable": true,
  "Bhyve Max Vcpus": 64,
  "HVM API": true,
  "CPU Type": "Intel(R) Xeon(R) Gold 6226R CPU @ 2.90GHz",
  "CPU Virtualization": "vmx",
  "CPU Physical Cores": 2,
  "Admin NIC Tag": "admin",
  "Admin IP": "${host.internalAddress}",
  "UUID": "${node.serverUuid}",
  "Hostname": "${host.name}",
  "CPU Total Cores": 64,
  "CPU Socket Count": 2,
  "CPU Core Count": 32,
  "CPU Online Count": 64,
  "CPU Count": 64,
  "MiB of Memory": "392958",
  "Zpool": "zones",
  "Zpool Encrypted": true,
  "Zpool Disks": "${node.disks.join(',')}",
  "Zpool Profile": "raidz2",
  "Zpool Creation": ${epochSeconds(node.platformImages[0]!) - 400 * 86_400},
  "Zpool Size in GiB": 13968,
  "Zpool Recovery": {
  },
  "Disks": {
${disks}
  },
  "Boot Parameters": {
    "console": "text",
    "os_console": "text",
    "smartos": "true",
    "boot_args": "",
    "bootargs": ""
  },
  "Psrinfo": {
    "smt_enabled": "true"
  },
  "Network Interfaces": {
    "ixgbe0": {"MAC Address": "${mac(0)}", "ip4addr": "${host.internalAddress}", "Link Status": "up", "NIC Names": ["admin"]},
    "ixgbe1": {"MAC Address": "${mac(1)}", "ip4addr": "", "Link Status": "up", "NIC Names": ["external"]}
  },
  "Virtual Network Interfaces": {
  },
  "Link Aggregations": {
  }
}
`;
}
