// The fleet's disk-encryption coverage as the UI shows it: one small row
// per host (a status, bytes and volumes by state, findings by severity)
// instead of every host's whole facts and device tree. Pure: stored facts
// and findings in.
import type { EncryptionCoverageView, EncryptionHostStatus, FindingView } from '../../../preload/contract';
import type { EncryptionFacts, StorageVolume } from '../collectors/encryption/encryption-model';
import { encryptionCoverage } from '../posture/encryption-coverage';
import { countBySeverityPerHost } from '../posture/severity-counts';

export function encryptionCoverageViews(rows: { host: string; dc: string; facts: unknown }[], findings: FindingView[]): EncryptionCoverageView[] {
  return coverageViews(
    rows.map(({ host, dc, facts }) => ({ host, dc, coverage: hostCoverage(facts) })),
    findings,
  );
}

/** A host's coverage without its findings: what its stored facts alone say, so it can be made once per stored document. */
export type HostCoverage = Omit<EncryptionCoverageView, 'host' | 'dc' | 'findings'>;

/** The views of hosts whose coverage is known, each with its encryption findings counted by severity. */
export function coverageViews(rows: { host: string; dc: string; coverage: HostCoverage | null }[], findings: FindingView[]): EncryptionCoverageView[] {
  const severities = countBySeverityPerHost(findings, 'encryption');
  // Facts stored by an engine version without this area's model: nothing to show, not a crash.
  return rows.flatMap(({ host, dc, coverage }) => (coverage ? [{ host, dc, ...coverage, findings: severities.get(host) ?? {} }] : []));
}

const isEncrypted = (volume: StorageVolume) => volume.encryption === 'encrypted' || volume.encryption === 'locked';
const isData = (volume: StorageVolume) => volume.class === 'data' || volume.class === 'logs';

export function hostCoverage(facts: unknown): HostCoverage | null {
  if (!isEncryptionFacts(facts)) return null;
  const data = facts.volumes.filter(isData);
  const logsUnencrypted = (volume: StorageVolume) => volume.class === 'logs' && volume.encryption === 'unencrypted';
  const dataUnencrypted = (volume: StorageVolume) => volume.class === 'data' && volume.encryption === 'unencrypted';
  const unknown = (volume: StorageVolume) => volume.encryption === 'unknown';
  const bytes = (filter: (volume: StorageVolume) => boolean) => data.filter(filter).reduce((sum, volume) => sum + (volume.sizeBytes ?? 0), 0);
  const count = (filter: (volume: StorageVolume) => boolean) => data.filter(filter).length;
  return {
    os: facts.os,
    complete: facts.complete,
    status: hostStatus(facts),
    bytes: { encrypted: bytes(isEncrypted), logsUnencrypted: bytes(logsUnencrypted), dataUnencrypted: bytes(dataUnencrypted), unknown: bytes(unknown) },
    volumes: {
      total: data.length,
      encrypted: count(isEncrypted),
      logsUnencrypted: count(logsUnencrypted),
      dataUnencrypted: count(dataUnencrypted),
      unknown: count(unknown),
      withoutSize: count((volume) => volume.sizeBytes === null),
    },
  };
}

function hostStatus(facts: EncryptionFacts): EncryptionHostStatus {
  if (encryptionCoverage(facts).fullyEncrypted) return 'encrypted';
  const onDisk = facts.volumes.filter((volume) => (isData(volume) || volume.class === 'swap') && volume.encryption !== 'not-on-disk');
  if (onDisk.some((volume) => volume.class !== 'logs' && volume.encryption === 'unencrypted')) return 'unencrypted';
  if (!facts.complete || onDisk.length === 0 || onDisk.some((volume) => volume.encryption === 'unknown')) return 'not-judged';
  return 'logs-exception';
}

function isEncryptionFacts(facts: unknown): facts is EncryptionFacts {
  const candidate = facts as Partial<EncryptionFacts> | null;
  return typeof candidate === 'object' && candidate !== null && (candidate.os === 'debian' || candidate.os === 'smartos') && Array.isArray(candidate.volumes);
}
