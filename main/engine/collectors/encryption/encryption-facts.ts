// Encryption facts of one host from the outputs of ENCRYPTION_COMMANDS[os].
// Debian: lsblk is the inventory; blkid and findmnt fill what lsblk could
// not see; dmsetup gives each open mapping's cipher and key storage;
// crypttab says what should be open; /proc/swaps which swap is active.
// SmartOS: zfs get is the inventory; zpool status and sysinfo describe the
// pools (sysinfo's "Zpool Encrypted" stands in when zfs get fails).
// A command that failed is recorded in `checks` with its status and raw
// message, and the facts say what could not be judged (`complete`,
// `cryptDetailsKnown`, volumes in state `unknown`).
import type { CommandOutput, TargetOs } from '../host-command';
import { parseBlkid } from './blkid';
import { blockDeviceTree } from './block-device-tree';
import { buildBlockGraph, enrichBlockGraph } from './block-graph';
import { crypttabStates, type CryptSources } from './crypt-layers';
import { parseCrypttab } from './crypttab';
import { debianVolumes } from './debian-volumes';
import { parseDmsetupCryptTable } from './dmsetup-table';
import { ENCRYPTION_COMMAND_IDS as ids } from './encryption-commands';
import { OutputReader, readValue } from '../output-reader';
import type { EncryptionFacts } from './encryption-model';
import { parseFindmntJson } from './findmnt-json';
import { parseLsblkJson } from './lsblk-json';
import { parseProcSwaps } from './proc-swaps';
import { parseSysinfo } from './sysinfo';
import { zfsFacts } from './zfs-volumes';
import { parseZfsGet } from './zfs-get';
import { parseZpoolStatus } from './zpool-status';

export type * from './encryption-model';

export function encryptionFacts(os: TargetOs, outputs: CommandOutput[]): EncryptionFacts {
  return os === 'smartos' ? smartosEncryptionFacts(outputs) : debianEncryptionFacts(outputs);
}

function debianEncryptionFacts(outputs: CommandOutput[]): EncryptionFacts {
  const log = new OutputReader(outputs);
  const lsblk = readValue(log.read(ids.lsblk, parseLsblkJson));
  const crypttabParsed = log.read(ids.crypttab, parseCrypttab);
  const swaps = readValue(log.read(ids.procSwaps, parseProcSwaps));
  const mounts = readValue(log.read(ids.findmnt, parseFindmntJson));
  const blkid = readValue(log.read(ids.blkid, parseBlkid)) ?? [];
  const dmParsed = log.read(ids.dmsetupCrypt, parseDmsetupCryptTable);
  // "No device-mapper in this kernel" is an answer: no mapping can be open.
  const dm = dmParsed && (dmParsed.status === 'ok' || dmParsed.status === 'unsupported') ? (dmParsed.value ?? null) : null;
  // A missing crypttab is an answer too: nothing is configured.
  const crypttab = crypttabParsed?.value?.entries ?? null;

  const graph = lsblk ? buildBlockGraph(lsblk.devices) : null;
  if (graph) enrichBlockGraph(graph, blkid, mounts ?? []);
  const sources: CryptSources = { graph, dm, crypttab, blkid };
  const volumes = debianVolumes({ ...sources, mounts, swaps });
  const hasMappings = volumes.some((volume) => volume.crypt.some((layer) => layer.scheme !== 'zfs' && layer.open)) || (graph ? [...graph.nodes.values()].some((node) => node.kind === 'crypt') : false);
  if (hasMappings && dm === null) log.note(ids.dmsetupCrypt, 'cipher, key size and LUKS version of the open mappings are unknown without dmsetup');
  return {
    os: 'debian',
    // A partial device list is judged for what it holds; the rest is "not judged" (encryption-findings.ts).
    complete: graph !== null && log.checks.find((check) => check.commandId === ids.lsblk)?.status === 'ok',
    volumes,
    deviceTree: blockDeviceTree(lsblk?.devices ?? [], graph, volumes, sources),
    crypttab: crypttabStates(sources),
    cryptDetailsKnown: dm !== null,
    zfsDatasets: [],
    checks: log.checks,
  };
}

function smartosEncryptionFacts(outputs: CommandOutput[]): EncryptionFacts {
  const log = new OutputReader(outputs);
  const datasets = readValue(log.read(ids.zfsGet, parseZfsGet));
  const pools = readValue(log.read(ids.zpoolStatus, parseZpoolStatus));
  const sysinfo = readValue(log.read(ids.sysinfo, parseSysinfo));
  const zfs = zfsFacts({ datasets, pools, sysinfo });
  if (datasets && sysinfo?.zpool && sysinfo.zpoolEncrypted !== null) {
    const root = datasets.find((dataset) => dataset.name === sysinfo.zpool);
    if (root && root.encrypted !== null && root.encrypted !== sysinfo.zpoolEncrypted) {
      log.note(ids.sysinfo, `sysinfo says "Zpool Encrypted": ${sysinfo.zpoolEncrypted} but zfs get says ${root.name} encryption=${root.encryption}; zfs get is believed`);
    }
  }
  return {
    os: 'smartos',
    complete: datasets !== null && log.checks.find((check) => check.commandId === ids.zfsGet)?.status === 'ok',
    volumes: zfs.volumes,
    deviceTree: zfs.tree,
    crypttab: null,
    cryptDetailsKnown: datasets !== null,
    zfsDatasets: zfs.datasets,
    checks: log.checks,
  };
}
