// Findings of the encryption area (Annex 2 §6, on-disk encryption), from one
// host's encryption facts. Pure. One finding per kind and host
// (`encryption.<kind>:<host>`), naming every volume it concerns. Boot/EFI and
// memory-backed volumes are exempt; logs on an unencrypted volume are the
// provider's admitted exception and come out low.
import { ENCRYPTION_COMMAND_IDS as ids } from '../collectors/encryption/encryption-commands';
import type { CryptLayer, EncryptionFacts, StorageVolume } from '../collectors/encryption/encryption-model';
import { cipherVerdict, STANDARD_DM_CIPHER } from './encryption-cipher';
import { bytesText, encryptionFinding, ENCRYPTION_FINDING_KINDS as kinds, plural, type EncryptionFindingKind } from './encryption-finding-kinds';
import type { Finding, Severity } from './finding';
import type { HostContext } from './host-context';

export { encryptionCoverage, type EncryptionCoverage } from './encryption-coverage';
export { ENCRYPTION_FINDING_KINDS, encryptionFindingId } from './encryption-finding-kinds';

export function encryptionFindings(facts: EncryptionFacts, context: HostContext): Finding[] {
  const at = { host: context.host, dc: context.dc };
  return [
    unencryptedFinding(facts, at, 'data'),
    unencryptedFinding(facts, at, 'logs'),
    unencryptedFinding(facts, at, 'swap'),
    zfsUnencryptedChildFinding(facts, at),
    unknownFinding(facts, at),
    luks1Finding(facts, at),
    weakCipherFinding(facts, at),
    zfsKeyUnavailableFinding(facts, at),
    crypttabNotOpenFinding(facts, at),
    cryptDetailsUnknownFinding(facts, at),
  ].filter((finding): finding is Finding => finding !== null);
}

interface At {
  host: string;
  dc: string;
}

function inventoryIds(facts: EncryptionFacts): string[] {
  return facts.os === 'smartos' ? [ids.zfsGet] : [ids.lsblk, ids.findmnt];
}

/** How an operator finds the volume: its mountpoints and device, or the dataset name. */
function where(volume: StorageVolume): string {
  if (volume.mountpoints.length > 0) return `${volume.mountpoints.join(', ')} (${volume.name})`;
  if (volume.zfs) return volume.name;
  return `${volume.class === 'swap' ? 'swap' : volume.mounted ? 'mounted' : 'not mounted'} (${volume.name})`;
}

function volumeLine(volume: StorageVolume): string {
  const stack = volume.layers.map((layer) => (layer.kind === 'zpool' ? `pool ${layer.name}` : layer.name)).join(' > ');
  return `${where(volume)}: ${volume.fstype ?? 'no filesystem'}, ${bytesText(volume.sizeBytes)}, ${stack || volume.name} — ${volume.encryptionReason}`;
}

function subjects(volumes: StorageVolume[]): string {
  const shown = volumes.slice(0, 3).map(where).join('; ');
  return volumes.length > 3 ? `${shown} and ${volumes.length - 3} more` : shown;
}

const UNENCRYPTED: Record<'data' | 'logs' | 'swap', { kind: EncryptionFindingKind; severity: Severity; title: (volumes: StorageVolume[]) => string; why: string }> = {
  data: {
    kind: kinds.dataUnencrypted,
    severity: 'high',
    title: (volumes) => `Data on ${volumes.length === 1 ? 'an unencrypted volume' : plural(volumes.length, 'unencrypted volume')}: ${subjects(volumes)}`,
    why: 'The provider promises that all data is stored on encrypted volumes, backups included.',
  },
  logs: {
    kind: kinds.logsUnencrypted,
    severity: 'low',
    title: (volumes) => `Logs on an unencrypted volume (the provider's known, admitted exception): ${subjects(volumes)}`,
    why: 'The provider states that some system logs still sit on unencrypted disks; this is that exception, listed so it stays visible and small.',
  },
  swap: {
    kind: kinds.swapUnencrypted,
    severity: 'medium',
    title: (volumes) => `Unencrypted swap: ${subjects(volumes)}`,
    why: 'Anything in memory — mail being processed, keys — can be paged out to swap and stays on the disk. Put swap on the LUKS volume or use a random-key crypttab entry.',
  },
};

function unencryptedFinding(facts: EncryptionFacts, at: At, volumeClass: 'data' | 'logs' | 'swap'): Finding | null {
  // An unencrypted ZFS dataset under an encrypted parent is its own finding (zfs-unencrypted-child), logs excepted.
  const volumes = facts.volumes.filter((volume) => volume.class === volumeClass && volume.encryption === 'unencrypted' && (volumeClass === 'logs' || !volume.zfs?.encryptedAncestor));
  if (volumes.length === 0) return null;
  const spec = UNENCRYPTED[volumeClass];
  const bytes = volumes.reduce((sum, volume) => sum + (volume.sizeBytes ?? 0), 0);
  return encryptionFinding({
    ...at,
    kind: spec.kind,
    severity: spec.severity,
    title: spec.title(volumes),
    detail: [spec.why, `${plural(volumes.length, 'volume')}${bytes ? `, ${bytesText(bytes)}` : ''}:`, ...volumes.map(volumeLine)].join('\n'),
    commandIds: volumeClass === 'swap' && facts.os === 'debian' ? [...inventoryIds(facts), ids.procSwaps] : inventoryIds(facts),
    excerpt: volumes.map(volumeLine),
  });
}

function zfsUnencryptedChildFinding(facts: EncryptionFacts, at: At): Finding | null {
  const volumes = facts.volumes.filter((volume) => volume.encryption === 'unencrypted' && volume.zfs?.encryptedAncestor && (volume.class === 'data' || volume.class === 'swap'));
  if (volumes.length === 0) return null;
  return encryptionFinding({
    ...at,
    kind: kinds.zfsUnencryptedChild,
    severity: 'high',
    title: `ZFS ${volumes.length === 1 ? 'dataset' : 'datasets'} with encryption off under an encrypted parent: ${volumes
      .map((volume) => volume.name)
      .slice(0, 3)
      .join(', ')}${volumes.length > 3 ? ` and ${volumes.length - 3} more` : ''}`,
    detail: [
      'Created with encryption=off below an encrypted dataset (only the piadm boot filesystem is meant to be): its data is stored in the clear although the pool is encrypted.',
      ...volumes.map((volume) => `${volume.name} (${volume.class}, ${volume.classReason}): under encrypted ${volume.zfs!.encryptedAncestor}`),
    ].join('\n'),
    commandIds: [ids.zfsGet],
    excerpt: volumes.map((volume) => `${volume.name}\tencryption\toff   (parent ${volume.zfs!.encryptedAncestor} is encrypted)`),
  });
}

function unknownFinding(facts: EncryptionFacts, at: At): Finding | null {
  const volumes = facts.volumes.filter((volume) => volume.encryption === 'unknown' && (volume.class === 'data' || volume.class === 'logs' || volume.class === 'swap'));
  const onDisk = facts.volumes.some((volume) => volume.class !== 'boot' && volume.class !== 'memory' && volume.encryption !== 'not-on-disk');
  if (facts.complete && !onDisk) {
    return encryptionFinding({
      ...at,
      kind: kinds.encryptionUnknown,
      severity: 'low',
      title: `No disk volume holding data is visible: encryption of this host's storage cannot be judged`,
      detail: `${facts.os === 'smartos' ? 'zfs get listed no dataset' : 'lsblk listed no block device holding data'} — typical inside a container, whose storage belongs to its host; check the host instead.`,
      commandIds: inventoryIds(facts),
      excerpt: facts.checks.flatMap((check) => check.warnings).slice(0, 3),
    });
  }
  if (facts.complete && volumes.length === 0) return null;
  const failed = facts.checks.filter((check) => check.status !== 'ok' && inventoryIds(facts).concat(ids.sysinfo).includes(check.commandId));
  const partial = failed.some((check) => check.status === 'partial' && inventoryIds(facts).includes(check.commandId));
  const listing = facts.os === 'smartos' ? 'ZFS datasets' : 'block devices';
  return encryptionFinding({
    ...at,
    kind: kinds.encryptionUnknown,
    severity: facts.complete ? 'low' : 'medium',
    title: facts.complete
      ? `Encryption of ${plural(volumes.length, 'volume')} could not be judged: ${subjects(volumes)}`
      : partial
        ? `Encryption not fully judged: part of the ${listing} list could not be read, and what it held is not judged`
        : `Encryption not verified: the ${listing} could not be listed`,
    detail: [
      ...(facts.complete
        ? []
        : [
            partial
              ? "The volumes below were read and are judged; the entries that could not be read are not, so this host's promise of encrypted volumes is not verified in full."
              : 'Without the volume list OpsDeck cannot say whether this host keeps its promise of encrypted volumes.',
          ]),
      ...failed.map((check) => `${check.commandId}: ${check.status} — ${check.message ?? ''}`),
      ...volumes.map(volumeLine),
    ].join('\n'),
    commandIds: failed.length ? failed.map((check) => check.commandId) : inventoryIds(facts),
    excerpt: [...failed.map((check) => check.message ?? check.status), ...volumes.map(volumeLine)],
  });
}

/** Every crypt layer under a volume that is not exempt, once. */
function cryptLayers(facts: EncryptionFacts): CryptLayer[] {
  const seen = new Map<string, CryptLayer>();
  for (const volume of facts.volumes) {
    if (volume.class === 'memory') continue;
    for (const layer of volume.crypt) if (!seen.has(`${layer.scheme}:${layer.name}`)) seen.set(`${layer.scheme}:${layer.name}`, layer);
  }
  return [...seen.values()];
}

function layerLine(layer: CryptLayer): string {
  const container = layer.container && layer.container !== layer.name ? ` on ${layer.container}` : '';
  const cipher = layer.cipher ? `, ${layer.cipher}${layer.keyBits !== null ? ` ${layer.keyBits}-bit key` : ''}` : '';
  return `${layer.name}${container}: ${layer.scheme === 'luks' ? `LUKS${layer.luksVersion ?? '?'}` : layer.scheme}${cipher}`;
}

function luks1Finding(facts: EncryptionFacts, at: At): Finding | null {
  const layers = cryptLayers(facts).filter((layer) => layer.scheme === 'luks' && layer.luksVersion === 1);
  if (layers.length === 0) return null;
  return encryptionFinding({
    ...at,
    kind: kinds.luks1,
    severity: 'medium',
    title: `LUKS1 ${layers.length === 1 ? 'header' : 'headers'}: ${layers.map((layer) => layer.name).join(', ')}`,
    detail: [
      'LUKS1 allows only PBKDF2 for key slots (no memory-hard Argon2) and has no header checksum or redundancy. Convert with `cryptsetup convert --type luks2` (after a header backup) or re-encrypt.',
      ...layers.map((layer) => `${layerLine(layer)} — ${layer.versionEvidence ?? ''}`),
    ].join('\n'),
    commandIds: [ids.dmsetupCrypt, ids.lsblk],
    excerpt: layers.map(layerLine),
  });
}

function weakCipherFinding(facts: EncryptionFacts, at: At): Finding | null {
  const weak = cryptLayers(facts)
    .map((layer) => ({ layer, verdict: cipherVerdict(layer) }))
    .filter((each): each is { layer: CryptLayer; verdict: NonNullable<ReturnType<typeof cipherVerdict>> } => each.verdict !== null);
  if (weak.length === 0) return null;
  return encryptionFinding({
    ...at,
    kind: kinds.weakCipher,
    severity: weak.some((each) => each.verdict.severity === 'high') ? 'high' : 'medium',
    title: `Weak encryption: ${weak.map((each) => `${each.layer.name} (${each.layer.cipher}${each.layer.keyBits !== null ? ` ${each.layer.keyBits}-bit` : ''})`).join(', ')}`,
    detail: [
      `The standard is ${STANDARD_DM_CIPHER} with a 512-bit key (AES-256-XTS) for dm-crypt, aes-256-gcm for ZFS.`,
      ...weak.map((each) => `${layerLine(each.layer)}: ${each.verdict.reason}`),
    ].join('\n'),
    commandIds: facts.os === 'smartos' ? [ids.zfsGet] : [ids.dmsetupCrypt, ids.crypttab],
    excerpt: weak.map((each) => layerLine(each.layer)),
  });
}

function zfsKeyUnavailableFinding(facts: EncryptionFacts, at: At): Finding | null {
  const locked = facts.zfsDatasets.filter((dataset) => dataset.keystatus === 'unavailable');
  if (locked.length === 0) return null;
  const roots = [...new Set(locked.map((dataset) => dataset.encryptionRoot ?? dataset.name))];
  return encryptionFinding({
    ...at,
    kind: kinds.zfsKeyUnavailable,
    severity: 'medium',
    title: `ZFS key not loaded for ${roots.join(', ')}: ${plural(locked.length, 'dataset')} cannot be mounted`,
    detail: [
      'keystatus unavailable: the data is encrypted, but until the key is loaded (`zfs load-key`) the datasets — and the zones on them — stay unavailable (typically after a reboot).',
      ...locked.map((dataset) => `${dataset.name}: ${dataset.encryption}, keyformat ${dataset.keyformat ?? '-'}, encryption root ${dataset.encryptionRoot ?? '?'}`),
    ].join('\n'),
    commandIds: [ids.zfsGet],
    excerpt: locked.map((dataset) => `${dataset.name}\tkeystatus\tunavailable`),
  });
}

function crypttabNotOpenFinding(facts: EncryptionFacts, at: At): Finding | null {
  const closed = (facts.crypttab ?? []).filter((entry) => entry.open === false);
  if (closed.length === 0) return null;
  const atBoot = closed.filter((entry) => !entry.noauto);
  const line = (entry: (typeof closed)[number]) =>
    `${entry.target} (line ${entry.line}): ${entry.source}${entry.device ? ` = ${entry.device}` : ', device not found'}${entry.noauto ? ', noauto' : ''}${entry.swap ? ', swap' : ''}`;
  return encryptionFinding({
    ...at,
    kind: kinds.crypttabNotOpen,
    severity: atBoot.length > 0 ? 'medium' : 'low',
    title: `crypttab ${closed.length === 1 ? 'entry' : 'entries'} not open: ${closed.map((entry) => entry.target).join(', ')}`,
    detail: [
      atBoot.length > 0
        ? 'An entry meant to open at boot has no active mapping: the volume it protects is unavailable (or the entry is stale, or its device is gone).'
        : 'Only noauto entries are closed: they are opened by hand; listed so a forgotten volume is noticed.',
      ...closed.map(line),
    ].join('\n'),
    commandIds: [ids.crypttab, ids.lsblk, ids.dmsetupCrypt],
    excerpt: closed.map(line),
  });
}

function cryptDetailsUnknownFinding(facts: EncryptionFacts, at: At): Finding | null {
  if (facts.os !== 'debian' || facts.cryptDetailsKnown) return null;
  const layers = cryptLayers(facts).filter((layer) => layer.open && layer.scheme !== 'zfs');
  if (layers.length === 0) return null;
  const check = facts.checks.find((each) => each.commandId === ids.dmsetupCrypt);
  return encryptionFinding({
    ...at,
    kind: kinds.cryptDetailsUnknown,
    severity: 'info',
    title: `Cipher and LUKS version not verified for ${plural(layers.length, 'mapping')}: ${layers.map((layer) => layer.name).join(', ')}`,
    detail: [
      `dmsetup table --target crypt (run through sudo -n) could not be read: ${check?.status ?? 'not run'} — ${check?.message ?? ''}`,
      'The volumes are encrypted; whether LUKS1 or a weak cipher is in use is not known.',
    ].join('\n'),
    commandIds: [ids.dmsetupCrypt],
    excerpt: check?.message ? [check.message] : [],
  });
}
