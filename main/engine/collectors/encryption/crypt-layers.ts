// What is known about each dm-crypt layer of a Debian host, joining lsblk
// (the mapping and the container under it), dmsetup (cipher, key size, and
// where the volume key lives) and crypttab (the entry that opens it, its
// stated mode). The LUKS version is not printed by any of these commands: a
// volume key in the kernel keyring means LUKS2 (libcryptsetup only uses the
// keyring for LUKS2), a key in the dm table on a LUKS container means LUKS1
// unless that LUKS2 device was opened with --disable-keyring.
import { nodeForSpec, type BlockGraph, type BlockNode } from './block-graph';
import type { BlkidEntry } from './blkid';
import type { CrypttabEntry } from './crypttab';
import type { DmCryptTarget } from './dmsetup-table';
import type { CryptLayer, CrypttabState } from './encryption-model';

export interface CryptSources {
  graph: BlockGraph | null;
  /** null when dmsetup could not be read. */
  dm: DmCryptTarget[] | null;
  crypttab: CrypttabEntry[] | null;
  blkid: BlkidEntry[];
}

export function isCryptContainer(fstype: string | null): boolean {
  return fstype !== null && /^crypto_/i.test(fstype);
}

/** The open mapping `node` (lsblk TYPE crypt). */
export function openCryptLayer(node: BlockNode, sources: CryptSources): CryptLayer {
  const container = node.parents.map((key) => sources.graph?.nodes.get(key)).find((each) => each !== undefined) ?? null;
  return mappingLayer(node.name, container, sources);
}

/** A mapping dmsetup lists, by name, whether or not lsblk shows it. */
export function mappingLayer(name: string, container: BlockNode | null, sources: CryptSources): CryptLayer {
  const target = sources.dm?.find((each) => each.name === name) ?? null;
  const entry = sources.crypttab?.find((each) => each.target === name) ?? null;
  const luksContainer = container ? isCryptContainer(container.fstype) && /LUKS/i.test(container.fstype ?? '') : false;
  const scheme: CryptLayer['scheme'] =
    luksContainer || target?.keyStorage === 'keyring' || entry?.mode === 'luks'
      ? 'luks'
      : entry?.mode === 'plain' || (entry && entry.mode === null && entry.randomKey)
        ? 'plain'
        : entry?.mode
          ? 'other'
          : 'unknown';
  const version = luksVersion(scheme, target, sources.dm !== null);
  return {
    name,
    scheme,
    luksVersion: version.version,
    versionEvidence: version.evidence,
    cipher: target?.cipher ?? entry?.cipher ?? null,
    keyBits: target?.keyBits ?? entry?.keyBits ?? null,
    open: true,
    container: container?.name ?? null,
    crypttabTarget: entry?.target ?? null,
    zfs: null,
  };
}

function luksVersion(scheme: CryptLayer['scheme'], target: DmCryptTarget | null, dmKnown: boolean): { version: 1 | 2 | null; evidence: string | null } {
  if (scheme !== 'luks') return { version: null, evidence: null };
  if (!target) return { version: null, evidence: dmKnown ? 'dmsetup lists no crypt target of this name' : 'dmsetup table could not be read' };
  if (target.keyStorage === 'keyring') return { version: 2, evidence: 'volume key in the kernel keyring (dmsetup): only LUKS2 activations put it there' };
  return { version: 1, evidence: 'volume key in the dm table, not the kernel keyring (dmsetup): LUKS1, unless a LUKS2 device was opened with --disable-keyring' };
}

/** A LUKS (or other crypto_*) container with no open mapping. */
export function closedContainerLayer(node: BlockNode, sources: CryptSources): CryptLayer {
  const entry = sources.crypttab?.find((each) => sources.graph && nodeForSpec(sources.graph, each.source, sources.blkid)?.key === node.key) ?? null;
  return {
    name: entry?.target ?? node.name,
    scheme: /LUKS/i.test(node.fstype ?? '') ? 'luks' : 'other',
    luksVersion: null,
    versionEvidence: 'not open: the header version is not visible without luksDump',
    cipher: null,
    keyBits: null,
    open: false,
    container: node.name,
    crypttabTarget: entry?.target ?? null,
    zfs: null,
  };
}

/** Each crypttab entry and whether a mapping of its name is active. */
export function crypttabStates(sources: CryptSources): CrypttabState[] | null {
  if (!sources.crypttab) return null;
  const known = sources.graph !== null || sources.dm !== null;
  return sources.crypttab.map((entry) => {
    const inGraph = sources.graph ? [...sources.graph.nodes.values()].some((node) => node.kind === 'crypt' && node.name === entry.target) : false;
    const inDm = sources.dm ? sources.dm.some((target) => target.name === entry.target) : false;
    const device = sources.graph ? nodeForSpec(sources.graph, entry.source, sources.blkid) : null;
    return {
      target: entry.target,
      source: entry.source,
      keyFile: entry.keyFile,
      noauto: entry.noauto,
      swap: entry.swap,
      open: known ? inGraph || inDm : null,
      device: device?.name ?? null,
      line: entry.line,
    };
  });
}
