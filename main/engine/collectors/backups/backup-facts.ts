// Raw outputs of one host's backup commands → what is known about each of its
// backup jobs: whether the tool answered (and if not, why, in its own words),
// its snapshots, the newest backup, the host's own restore-test snapshots,
// the repository's encryption and the state of the backup and check units.
import type { BackupJob, BackupTool } from '../../inventory/backup-policy-schema';
import type { CommandOutput } from '../host-command';
import type { BackupSnapshot } from './backup-snapshot';
import { sourceFailure, type BackupSourceState } from './backup-source-state';
import { jobCommandId, jobUnits, replicaCommandId, SCRATCH_SWEEP_ID, type ReplicaDataset } from './backup-commands';
import { printable } from './backup-text';
import { parseBorgInfo, parseBorgList } from './borg-json';
import { parseResticSnapshots } from './restic-snapshots';
import { parseSystemctlShow, type UnitState } from './systemctl-show';
import { parseZfsSnapshots } from './zfs-snapshots';

/** Snapshots kept per job in the facts (newest): enough for a timeline, bounded for a 1,000-host store. */
export const KEPT_SNAPSHOTS = 60;
/** Tag of the snapshots a host's own restore-test job makes (the checksum manifest of what it restored). */
export const RESTORE_TEST_TAG = 'restore-test';

export interface BackupJobFacts {
  index: number;
  tool: BackupTool;
  repositoryDc: string;
  /** The job's RPO (its own, else the host's), for the timeline's RPO line. */
  rpoHours: number;
  state: BackupSourceState;
  /** The tool's own words when state is not ok. */
  message: string | null;
  commandIds: string[];
  snapshotCount: number;
  /** The newest KEPT_SNAPSHOTS, oldest first. */
  snapshots: BackupSnapshot[];
  /** The newest snapshot that is a backup (not a restore-test record). */
  latest: BackupSnapshot | null;
  /** ISO time of the newest snapshot tagged restore-test, if the host records its own tests. */
  hostRestoreTest: string | null;
  /** borg's encryption mode; restic repositories are always encrypted ("restic"); null when unknown. */
  encryption: string | null;
  repositoryLocation: string | null;
  units: UnitState[];
  unitsMessage: string | null;
}

export interface BackupFacts {
  jobs: BackupJobFacts[];
  /** OpsDeck scratch directories left by a killed restore test, found and removed by this scan. */
  removedScratch: string[];
  /** Datasets this host receives from other hosts' zfs-send jobs, as listed here (absent when it receives none). */
  replicas?: ReplicaFacts[];
}

export interface ReplicaFacts extends ReplicaDataset {
  state: BackupSourceState;
  message: string | null;
  commandId: string;
  /** When this host's listing was read (ISO): the lag runs from the newest replicated snapshot to here. */
  readAt: string;
  /** Snapshot names (after the @) with their creation time, the newest KEPT_SNAPSHOTS, oldest first. */
  snapshots: BackupSnapshot[];
}

export function backupFacts(outputs: CommandOutput[], jobs: BackupJob[], replicas: ReplicaDataset[] = [], now: Date = new Date(), defaultRpoHours = 24): BackupFacts {
  const sweep = outputs.find((output) => output.id === SCRATCH_SWEEP_ID);
  const removedScratch = (sweep?.exitCode === 0 ? sweep.stdout : '')
    .split('\n')
    .filter((line) => line.startsWith('removed\t'))
    .map((line) => printable(line.slice('removed\t'.length)));
  const facts: BackupFacts = { jobs: jobs.map((job, index) => jobFacts(outputs, job, index, job.rpoHours ?? defaultRpoHours)), removedScratch };
  if (replicas.length > 0) facts.replicas = replicas.map((replica, index) => replicaFacts(outputs, replica, index, now));
  return facts;
}

function replicaFacts(outputs: CommandOutput[], replica: ReplicaDataset, index: number, now: Date): ReplicaFacts {
  const commandId = replicaCommandId(index);
  const output = outputs.find((each) => each.id === commandId);
  const facts: ReplicaFacts = { ...replica, state: 'ok', message: null, commandId, readAt: now.toISOString(), snapshots: [] };
  if (!output) return { ...facts, state: 'failed', message: 'the replica listing was not run (replicas are read on SmartOS hosts only)' };
  const failure = sourceFailure('zfs', output.stdout, output.stderr, output.exitCode, output.error);
  if (failure) return { ...facts, state: failure.state, message: failure.message };
  const parsed = parseZfsSnapshots(output.stdout, replica.dataset);
  facts.snapshots = (parsed.value ?? []).slice(-KEPT_SNAPSHOTS);
  if (parsed.state !== 'ok') return { ...facts, state: 'unparsed', message: parsed.message };
  return facts;
}

function jobFacts(outputs: CommandOutput[], job: BackupJob, index: number, rpoHours: number): BackupJobFacts {
  const byId = (id: string) => outputs.find((output) => output.id === id);
  const snapshotsOutput = byId(jobCommandId(index, 'snapshots'));
  const infoOutput = byId(jobCommandId(index, 'info'));
  const unitsOutput = byId(jobCommandId(index, 'units'));
  const facts: BackupJobFacts = {
    index,
    tool: job.tool,
    repositoryDc: job.repositoryDc,
    rpoHours,
    state: 'ok',
    message: null,
    commandIds: [snapshotsOutput, infoOutput, unitsOutput].filter((output) => output !== undefined).map((output) => output.id),
    snapshotCount: 0,
    snapshots: [],
    latest: null,
    hostRestoreTest: null,
    encryption: job.tool === 'restic' ? 'restic' : null,
    repositoryLocation: null,
    units: [],
    unitsMessage: null,
  };
  if (!snapshotsOutput) {
    facts.state = 'failed';
    facts.message = job.tool === 'zfs-send' ? 'zfs-send replication is read on SmartOS hosts only' : 'the snapshot listing was not run';
  } else {
    readSnapshots(facts, job, snapshotsOutput);
  }
  if (infoOutput && facts.state === 'ok') readBorgInfo(facts, infoOutput);
  if (unitsOutput) readUnits(facts, job, unitsOutput);
  return facts;
}

function readSnapshots(facts: BackupJobFacts, job: BackupJob, output: CommandOutput): void {
  const tool = job.tool === 'zfs-send' ? 'zfs' : job.tool;
  const failure = sourceFailure(tool, output.stdout, output.stderr, output.exitCode, output.error);
  if (failure) {
    facts.state = failure.state;
    facts.message = failure.message;
    return;
  }
  const parsed = job.tool === 'restic' ? parseResticSnapshots(output.stdout) : job.tool === 'borg' ? parseBorgList(output.stdout) : parseZfsSnapshots(output.stdout, job.dataset ?? '');
  if (parsed.state !== 'ok') {
    facts.state = 'unparsed';
    facts.message = parsed.message;
  }
  const snapshots = parsed.value ?? [];
  facts.snapshotCount = snapshots.length;
  facts.snapshots = snapshots.slice(-KEPT_SNAPSHOTS);
  const backups = snapshots.filter((snapshot) => !snapshot.tags.includes(RESTORE_TEST_TAG));
  facts.latest = backups[backups.length - 1] ?? null;
  const tests = snapshots.filter((snapshot) => snapshot.tags.includes(RESTORE_TEST_TAG));
  facts.hostRestoreTest = tests[tests.length - 1]?.time ?? null;
}

function readBorgInfo(facts: BackupJobFacts, output: CommandOutput): void {
  const failure = sourceFailure('borg', output.stdout, output.stderr, output.exitCode, output.error);
  if (failure) {
    facts.state = failure.state;
    facts.message = failure.message;
    return;
  }
  const parsed = parseBorgInfo(output.stdout);
  if (parsed.state !== 'ok' || !parsed.value) {
    facts.state = 'unparsed';
    facts.message = parsed.message;
    return;
  }
  facts.encryption = parsed.value.encryption;
  facts.repositoryLocation = parsed.value.location;
  // borg list has no paths; the newest archive's command line has them.
  const newest = parsed.value.newest;
  if (newest && facts.latest && newest.id === facts.latest.id) facts.latest = { ...facts.latest, paths: newest.paths };
}

function readUnits(facts: BackupJobFacts, job: BackupJob, output: CommandOutput): void {
  const failure = sourceFailure('systemctl', output.stdout, output.stderr, output.exitCode, output.error);
  if (failure) {
    facts.unitsMessage = failure.message;
    return;
  }
  const parsed = parseSystemctlShow(output.stdout, jobUnits(job));
  facts.units = parsed.value ?? [];
  facts.unitsMessage = parsed.message;
}
