// Per-site roll-up of the hosts' encryption coverage, and the words and
// colours each state is shown with (chart segments, figures and markers
// share them, so the figures double as the chart's legend).
import type { EncryptionCoverageView, EncryptionHostStatus } from '../../../preload/contract';
import type { LockState } from '../../components/LockMarker';

export type Segment = 'encrypted' | 'logs' | 'unencrypted' | 'unknown';

export const SEGMENTS: { key: Segment; label: string; colour: string }[] = [
  { key: 'encrypted', label: 'Encrypted', colour: '#1d7a35' },
  { key: 'logs', label: 'Logs not encrypted (admitted exception)', colour: '#d98b1f' },
  { key: 'unencrypted', label: 'Data not encrypted', colour: '#b3261e' },
  { key: 'unknown', label: 'Not judged', colour: '#8a929c' },
];

export const HOST_STATUS: Record<EncryptionHostStatus, { segment: Segment; lock: LockState; label: string; rank: number }> = {
  unencrypted: { segment: 'unencrypted', lock: 'unencrypted', label: 'data or swap not encrypted', rank: 0 },
  'not-judged': { segment: 'unknown', lock: 'unknown', label: 'not judged', rank: 1 },
  'logs-exception': { segment: 'logs', lock: 'exception', label: 'logs not encrypted (exception)', rank: 2 },
  encrypted: { segment: 'encrypted', lock: 'encrypted', label: 'fully encrypted', rank: 3 },
};

export interface SiteCoverage {
  dc: string;
  hosts: number;
  /** Hosts by status segment. */
  hostsBy: Record<Segment, number>;
  bytesBy: Record<Segment, number>;
  totalBytes: number;
  volumes: EncryptionCoverageView['volumes'];
}

export function siteCoverage(dc: string, rows: EncryptionCoverageView[]): SiteCoverage {
  const site = rows.filter((row) => row.dc === dc);
  const hostsBy: Record<Segment, number> = { encrypted: 0, logs: 0, unencrypted: 0, unknown: 0 };
  for (const row of site) hostsBy[HOST_STATUS[row.status].segment]++;
  const sum = (pick: (row: EncryptionCoverageView) => number) => site.reduce((total, row) => total + pick(row), 0);
  const bytesBy: Record<Segment, number> = {
    encrypted: sum((row) => row.bytes.encrypted),
    logs: sum((row) => row.bytes.logsUnencrypted),
    unencrypted: sum((row) => row.bytes.dataUnencrypted),
    unknown: sum((row) => row.bytes.unknown),
  };
  return {
    dc,
    hosts: site.length,
    hostsBy,
    bytesBy,
    totalBytes: bytesBy.encrypted + bytesBy.logs + bytesBy.unencrypted + bytesBy.unknown,
    volumes: {
      total: sum((row) => row.volumes.total),
      encrypted: sum((row) => row.volumes.encrypted),
      logsUnencrypted: sum((row) => row.volumes.logsUnencrypted),
      dataUnencrypted: sum((row) => row.volumes.dataUnencrypted),
      unknown: sum((row) => row.volumes.unknown),
      withoutSize: sum((row) => row.volumes.withoutSize),
    },
  };
}

/** One decimal, but never rounds a shortfall up to 100 % or a sliver down to 0 %. */
export function percentText(part: number, whole: number): string {
  if (whole === 0) return '—';
  const percent = (part / whole) * 100;
  if (percent > 99.9 && part < whole) return '> 99.9 %';
  if (percent < 0.1 && part > 0) return '< 0.1 %';
  return `${percent.toFixed(1)} %`;
}
