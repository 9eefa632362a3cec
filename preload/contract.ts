// The one contract between the UI and the engine: every method (name, zod
// input schema, result type) and every event (name, payload type). Main,
// preload, renderer, the WebSocket bridge and the CLI all import it; nothing
// else names a channel. Types and schemas only: no I/O ("common" layer).
import { z } from 'zod';
import type { StatusReportView } from './report-views';

export type * from './report-views';

// ---------------------------------------------------------------- results

export type ContractErrorCode = 'invalid-input' | 'unknown-method' | 'forbidden-sender' | 'not-found' | 'bad-inventory' | 'forbidden-path' | 'busy' | 'unavailable' | 'failed';

export interface ContractError {
  code: ContractErrorCode;
  message: string;
  /** For invalid-input: which field, and what was wrong with it. */
  issues?: { path: string; message: string }[];
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ContractError };

// ---------------------------------------------------------------- shared data shapes

export type SiteRole = 'primary' | 'secondary';
export type HostOs = 'debian' | 'smartos' | 'auto';

export interface InventoryProblemView {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface FleetSourceView {
  kind: 'none' | 'inventory' | 'demo';
  /** What the status bar says: "Demo fleet (simulated)", a file name, or "No inventory". */
  label: string;
  path: string | null;
}

/** A site; FleetView lists them primary first, then in inventory order (the order every page shows). */
export interface DatacentreView {
  id: string;
  name: string;
  role: SiteRole;
  bastion: string | null;
}

export type HostPhase = 'queued' | 'connecting' | 'authenticating' | 'running' | 'done' | 'failed' | 'cancelled';

export interface HostIdentity {
  hostname: string | null;
  osName: string | null;
  osVersion: string | null;
  kernel: string | null;
  uptimeSeconds: number | null;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** The posture areas, one list for the type and for the calls that name an area. */
export const postureArea = z.enum(['firewall', 'encryption', 'patches', 'backups', 'access', 'transport', 'retention']);
export type PostureArea = z.infer<typeof postureArea>;

/** One thing about one host that does not hold a promise of Annex 2, with its evidence. */
export interface FindingView {
  /** Stable across scans for the same problem, so history can follow it. */
  id: string;
  host: string;
  dc: string;
  area: PostureArea;
  /** A key of CONTROLS (main/engine/posture/finding.ts): Annex 2 section and title. */
  control: string;
  severity: Severity;
  title: string;
  detail: string;
  evidence: { commandIds: string[]; excerpt: string[] };
}

export interface HostScanSummary {
  host: string;
  dc: string;
  phase: HostPhase;
  reason: string | null;
  finishedAt: string | null;
  identity: HostIdentity | null;
  detectedOs: 'debian' | 'smartos' | null;
  /** Findings by severity from this scan (empty when the host did not answer). */
  findingCounts: Partial<Record<Severity, number>>;
}

export interface HostView {
  name: string;
  address: string;
  port: number;
  user: string;
  os: HostOs;
  dc: string;
  roles: string[];
  tags: string[];
  jumps: string[];
  last: HostScanSummary | null;
}

export interface FleetView {
  source: FleetSourceView;
  datacentres: DatacentreView[];
  hosts: HostView[];
  problems: InventoryProblemView[];
}

export interface RawOutputView {
  id: string;
  command: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  error: string | null;
  /** Bytes the host sent and OpsDeck kept (not characters: the evidence is the bytes). */
  stdoutBytes?: number;
  stderrBytes?: number;
  /** Set when the output was cut at a cap; only the first keptBytes were kept, and nothing was judged from it. */
  truncated?: OutputTruncationView | null;
  /** Set when `stdout` here is only the first bytes of the kept output (host.rawOutputPage has the rest). */
  stdoutShownBytes?: number;
}

export interface RawOutputPage {
  /** The page's bytes decoded as UTF-8 (a multi-byte character cut at a page edge shows as U+FFFD). */
  text: string;
  offset: number;
  bytes: number;
  totalBytes: number;
}

export interface OutputTruncationView {
  cap: 'command' | 'host' | 'scan';
  capBytes: number;
  keptBytes: number;
}

export interface HostScanDetail extends HostScanSummary {
  runId: string;
  startedAt: string | null;
  outputs: RawOutputView[];
  findings: FindingView[];
  /** Per area: the parsed facts as the engine stores them (plain JSON, for evidence); the front end gets them as views (HostDetailView). */
  facts: Partial<Record<PostureArea, unknown>>;
}

export type EncryptionHostStatus = 'encrypted' | 'logs-exception' | 'unencrypted' | 'not-judged';

/** One host's facts of one area from its latest answered scan, as the area's page reads them. */
export interface AreaHostView<F> {
  host: string;
  dc: string;
  facts: F;
}

/** The patch facts the patches page reads (the engine's PatchFacts, with the SLA clock's firstSeen). */
export interface PatchFactsView {
  os: 'debian' | 'smartos';
  kernelOrPlatform: string | null;
  kernelOrPlatformAgeDays: number | null;
  upToDate: true | false | 'unknown';
  upToDateReason: string;
  packageIndex: { ageHours: number | null; stale: boolean | 'unknown' };
  pendingUpdates: { name: string; from: string | null; to: string; security: boolean; suites: string[] }[];
  vulnerablePackages: { name: string; vulnerability: string }[];
  reboot: { needed: boolean | 'unknown'; reasons: { detail: string }[] };
  firstSeen?: Record<string, { package: string; pendingSince: string }>;
}

/** A parsed part of the access facts: its state, its value when read, and why not. */
export interface ParsedView<T> {
  status: string;
  value: T | null;
  message: string | null;
}

/** The access facts the access page reads (the engine's AccessFacts). */
export interface AccessFactsView {
  os: 'debian' | 'smartos';
  accounts: ParsedView<Array<{ name: string; uid: number; gecos: string; shell: string; loginShell: boolean }>>;
  passwords: ParsedView<Array<{ account: string; state: 'usable' | 'locked' | 'none' }>>;
  keys: ParsedView<Array<{ account: string; file: string; line: number; type: string; fingerprint: string; options: string; comment: string }>>;
  sshd: ParsedView<{ passwordAuthentication: string; kbdInteractiveAuthentication: string; usePam: string; permitRootLogin: string; logLevel: string; authenticationMethods: string }>;
  auditStatus: ParsedView<{ enabled: boolean; pid: number }> | null;
  auditRules: ParsedView<{ rules: string[]; privilegedCommandRules: string[] }> | null;
  forwarding: ParsedView<Array<{ host: string; via: string }>>;
  recentLogins: ParsedView<Array<{ user: string; from: string; line: string }>>;
  /** SmartOS: the logins read inside each zone; null on Debian, absent from facts stored before zones were read. */
  zones?: ParsedView<AccessZoneView[]> | null;
}

/** One SmartOS zone on the access page: its logins as read inside it, or why they were not read. */
export interface AccessZoneView {
  zone: string;
  brand: string;
  state: string;
  unread: string | null;
  outOfScope: boolean;
  accounts: AccessFactsView['accounts'] | null;
  passwords: AccessFactsView['passwords'] | null;
  keys: AccessFactsView['keys'] | null;
}

export type TlsVersionAnswerView = 'accepted' | 'refused' | 'unknown';

/** The transport facts the transport page reads (the engine's TransportFacts): per mail-facing service, what the site bastion's probes saw. */
export interface TransportFactsView {
  os: 'debian' | 'smartos';
  /** Why nothing was probed (no bastion in front of the host), or null. */
  notProbed: string | null;
  services: Array<{
    service: { protocol: string; port: number; name: string | null };
    /** The name checked against the certificate. */
    name: string;
    handshake: ParsedView<{
      connected: boolean;
      established: boolean;
      protocol: string | null;
      cipher: string | null;
      chain: Array<{ depth: number; subject: string; issuer: string; notBefore: string | null; notAfter: string | null }>;
      verifyCode: number | null;
      verifyText: string | null;
      tempKey: string | null;
      failure: string | null;
    }>;
    versions: Record<'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3', TlsVersionAnswerView>;
    nonForwardSecret: { answer: TlsVersionAnswerView; cipher: string | null };
    capabilities: ParsedView<{ offersStarttls: boolean; plaintextLogins: string[]; capabilities: string[] }> | null;
    hsts: ParsedView<{ status: string; header: string | null; maxAgeSeconds: number | null; includeSubDomains: boolean }> | null;
  }>;
}

/** The backup facts the backups page reads (the engine's BackupFacts). */
export interface BackupFactsView {
  jobs: {
    index: number;
    tool: string;
    state: string;
    message: string | null;
    snapshotCount: number;
    latest: { id: string; time: string } | null;
    hostRestoreTest: string | null;
    rpoHours: number;
    snapshots: { id: string; time: string; tags: string[] }[];
  }[];
}

/** The encryption facts the host page reads (the engine's EncryptionFacts): the device tree and the volumes its nodes stand for. */
export type EncryptionStateView = 'encrypted' | 'locked' | 'unencrypted' | 'unknown' | 'not-on-disk';

export interface CryptLayerView {
  name: string;
  scheme: 'luks' | 'plain' | 'zfs' | 'other' | 'unknown';
  luksVersion: 1 | 2 | null;
  cipher: string | null;
  keyBits: number | null;
  open: boolean;
  zfs: { keystatus: string | null; encryptionRoot: string | null } | null;
}

export interface DeviceNodeView {
  id: string;
  kind: string;
  name: string;
  type: string;
  sizeBytes: number | null;
  fstype: string | null;
  mountpoints: string[];
  marker: EncryptionStateView | 'none';
  state: string | null;
  crypt: CryptLayerView | null;
  volumeId: string | null;
  children: DeviceNodeView[];
  members: DeviceNodeView[];
}

export interface VolumeView {
  id: string;
  name: string;
  mountpoints: string[];
  sizeBytes: number | null;
  class: 'data' | 'logs' | 'swap' | 'boot' | 'memory';
  classReason: string;
  encryption: EncryptionStateView;
  encryptionReason: string;
  layers: { name: string; kind: string }[];
}

export interface EncryptionFactsView {
  os: 'debian' | 'smartos';
  complete: boolean;
  volumes: VolumeView[];
  deviceTree: DeviceNodeView[];
  checks: { commandId: string; status: string; message: string | null }[];
}

/** A host's facts of the areas its page reads, each as its view; an area whose stored facts an older engine wrote in another shape is left out. */
export interface HostFactsView {
  patches?: PatchFactsView;
  access?: AccessFactsView;
  backups?: BackupFactsView;
  encryption?: EncryptionFactsView;
}

/** A host's last scan as the host page reads it: the stored result with its facts as views. */
export interface HostDetailView extends Omit<HostScanDetail, 'facts'> {
  facts: HostFactsView;
  /** Set when the last scan did not answer (failed, cancelled): `findings` are those of this earlier answered scan. */
  findingsFrom?: { runId: string; finishedAt: string };
}

/** One host's disk-encryption coverage from its latest scan; bytes and volumes count data and logs (not boot, swap or memory). */
export interface EncryptionCoverageView {
  host: string;
  dc: string;
  os: 'debian' | 'smartos';
  /** The volume list (lsblk / zfs get) was read. */
  complete: boolean;
  /**
   * encrypted: every data, logs and swap volume on disk is; logs-exception: only log volumes are not (the
   * provider's admitted exception); unencrypted: data or swap is not; not-judged: the rest (a volume or the
   * volume list could not be judged, or no disk volume is visible).
   */
  status: EncryptionHostStatus;
  /** Bytes by state; volumes of unknown size (ZFS datasets) add none. */
  bytes: { encrypted: number; logsUnencrypted: number; dataUnencrypted: number; unknown: number };
  /** Data and logs volumes by state (withoutSize: how many of them add no bytes). */
  volumes: { total: number; encrypted: number; logsUnencrypted: number; dataUnencrypted: number; unknown: number; withoutSize: number };
  /** Encryption findings by severity. */
  findings: Partial<Record<Severity, number>>;
}

// ---------------------------------------------------------------- firewall views

export type ExposureReachability = 'any' | 'some' | 'none' | 'undetermined' | 'local-only';

/**
 * A listening port against its role baseline. beyond-baseline: a source the baseline does not allow can connect
 * (with no baseline entry: any source can); undetermined: whether one can depends on rules OpsDeck does not model
 * (or the rules could not be read); no-baseline: the baseline has no entry, but nothing beyond loopback can connect
 * today; conforming: within the baseline.
 */
export type BaselineConformance = 'beyond-baseline' | 'undetermined' | 'no-baseline' | 'conforming';

/** One protocol, port and IP version of one host (its sockets on that port merged: the most open one speaks). */
export interface PortExposureView {
  proto: 'tcp' | 'udp';
  port: number;
  family: 'ipv4' | 'ipv6';
  reachability: ExposureReachability;
  conformance: BaselineConformance;
  /** Who can connect, in a few words: "any address", "10.10.8.0/22", "nothing (blocked)". */
  reach: string;
  /** What the role baseline allows ("any", CIDRs), or null when it has no entry for the port. */
  baseline: string | null;
  /** The rule (or chain policy, or socket binding) that decides it, as text. */
  decidedBy: string | null;
  process: string | null;
}

/** A host's exposure for the fleet matrix: ports only, no rules. */
export interface FirewallHostExposureView {
  host: string;
  dc: string;
  siteRole: SiteRole;
  roles: string[];
  os: 'debian' | 'smartos';
  firewall: { state: 'active' | 'inactive' | 'unknown'; reason: string };
  /** False when the listening sockets could not be read: no port is known. */
  listenersKnown: boolean;
  ports: PortExposureView[];
  /** Firewall findings by severity. */
  findings: Partial<Record<Severity, number>>;
}

/** One rule as the rules table shows it (the tool's verbatim text is in the raw outputs). */
export interface FirewallRuleRowView {
  id: string;
  /** nftables, iptables-nft, iptables-legacy, ipf, fwadm. */
  source: string;
  family: string;
  table: string;
  chain: string;
  position: number;
  /** accept, drop, reject, jump, goto, return, log, … */
  action: string;
  target: string | null;
  text: string;
  comment: string | null;
  packets: number | null;
  bytes: number | null;
  /** Destination ports the rule names (not negated), as flattened [from, to] pairs. */
  ports: number[];
  unmodelled: boolean;
}

export interface FirewallChainView {
  id: string;
  source: string;
  family: string;
  table: string;
  name: string;
  hook: string | null;
  priority: number | null;
  policy: 'accept' | 'drop' | null;
  rules: number;
}

export interface ExposureDecisionView {
  outcome: 'accepted' | 'dropped' | 'undetermined';
  sources: string[];
  decidedBy: string;
  ruleId: string | null;
  reasons: string[];
}

/** One listening socket and what reaches it, with every rule that decided a part of it. */
export interface SocketExposureView extends PortExposureView {
  address: string;
  interface: string | null;
  /** The listener's output line (evidence). */
  socket: string;
  summary: string;
  /** The deciding rule's id (to find it in the rules), null when a policy or the binding decided. */
  ruleId: string | null;
  decisions: ExposureDecisionView[];
  reasons: string[];
}

export interface FirewallHostRulesView {
  host: string;
  dc: string;
  siteRole: SiteRole;
  roles: string[];
  os: 'debian' | 'smartos';
  /** When the scan these facts come from finished. */
  scannedAt: string | null;
  firewall: { state: 'active' | 'inactive' | 'unknown'; reason: string };
  listenersKnown: boolean;
  processesShown: boolean;
  /** The same host at the other site (imap1.sea ↔ imap1.nj), when the inventory has one. */
  counterpart: string | null;
  /** Per command: how its output parsed. */
  sources: { commandId: string; command: string; status: string; message: string | null }[];
  warnings: string[];
  visibility: { ipv4: { state: 'complete' | 'partial' | 'incomplete' | 'unknown'; reasons: string[] }; ipv6: { state: 'complete' | 'partial' | 'incomplete' | 'unknown'; reasons: string[] } };
  /** What the input path does with a new TCP connection to a port no rule names. */
  defaultInput: { ipv4: string; ipv6: string };
  exposure: SocketExposureView[];
  chains: FirewallChainView[];
  findings: FindingView[];
  totalRules: number;
  /** The page of rules returned: `rules` starts at rule number `offset` (0-based). */
  offset: number;
  rules: FirewallRuleRowView[];
}

export interface ExposureDiffSide {
  reachability: ExposureReachability;
  conformance: BaselineConformance;
  reach: string;
  decidedBy: string | null;
}

export interface ExposureDiffRow {
  proto: 'tcp' | 'udp';
  port: number;
  family: 'ipv4' | 'ipv6';
  /** null: that host has no socket on the port beyond loopback. */
  a: ExposureDiffSide | null;
  b: ExposureDiffSide | null;
  /** The sources that can (or may) connect differ. */
  differs: boolean;
  /** Not a difference because each host's sources are its own site's copy of these logical networks (inventory `networks:`). */
  samePerSite?: string[];
}

export interface RuleDiffRow {
  /** family table chain, e.g. "inet filter input". */
  chain: string;
  action: string;
  /** The rule's text with its counters left out. */
  text: string;
  /** How many more times the rule occurs on this side than on the other. */
  count: number;
}

export interface FirewallHostDiffView {
  a: { host: string; dc: string; siteRole: SiteRole; roles: string[]; rules: number };
  b: { host: string; dc: string; siteRole: SiteRole; roles: string[]; rules: number };
  exposure: ExposureDiffRow[];
  /** Base chains whose default policy differs (null: no such chain on that host). */
  policies: { chain: string; a: string | null; b: string | null }[];
  rules: { onlyA: RuleDiffRow[]; onlyB: RuleDiffRow[]; onlyATotal: number; onlyBTotal: number; same: number; limit: number };
}

export interface AppInfo {
  name: string;
  version: string;
  engineVersion: string;
  fleet: FleetSourceView;
  hostCount: number;
  datacentreCount: number;
  /** Whether key passphrases can be remembered (the OS keychain binding loaded); the reason when not. */
  keychain: { available: boolean; reason: string | null };
  /** What the engine met since it started that the operator should know: a scan interrupted by a killed process, a data folder that was open to others, scan history that could not be saved. */
  notices: string[];
  /** Where history is kept: the embedded store, or a team store on PostgreSQL with the connected user and its team role (issue 21). */
  store: StoreView;
}

export interface StoreView {
  kind: 'embedded' | 'team';
  /** The folder, or the URL without its password. */
  where: string;
  user: string | null;
  role: 'viewer' | 'operator' | 'drill-lead' | 'owner' | null;
  /** A team store that cannot be reached: since when, and how many scan writes wait on this workstation; null while it takes writes. */
  offline: { since: string; queued: number } | null;
}

/** One drill occurrence in UTC, the site's zone and the viewer's zone (`2027-03-14 03:30 -04:00 America/New_York`). */
export interface DrillTimesView {
  instant: string;
  utc: string;
  site: string;
  viewer: string;
}

export interface DrillPlanRowView {
  id: string;
  title: string;
  kind: string;
  site: string;
  owner: string;
  state: 'overdue' | 'due' | 'scheduled' | 'ended';
  since: DrillTimesView | null;
  next: DrillTimesView[];
  lastDrill: { startedAt: string; outcome: 'passed' | 'failed' | 'aborted'; lead: string; measuredRtoMinutes: number | null; actions: { title: string; open: boolean }[] } | null;
}

export interface DrillRunStepView {
  index: number;
  type: 'checklist' | 'verification' | 'change';
  title: string;
  timeboxMinutes: number;
  /** What OpsDeck runs for this step and where, as text (null for a checklist item). */
  runs: string | null;
  /** The host whose name must be typed before a change step runs (null otherwise). */
  confirmTarget: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  result: 'done' | 'failed' | 'skipped' | null;
  note: string;
  outputs: { host: string; exitCode: number | null; sha256: string; bytes: number; summary: string }[];
}

/** A drill run folded from its event log: who holds it, where it is, and the measured RTO/RPO against the plan's targets. */
export interface DrillRunView {
  runId: string;
  planId: string;
  planTitle: string;
  site: string;
  status: 'live' | 'aborted' | 'finished';
  /** The scheduled occurrence this run is for (ISO instant), or null for a run off schedule. */
  occurrence: string | null;
  startedAt: string;
  startedBy: string;
  lead: string;
  currentStep: number | null;
  steps: DrillRunStepView[];
  handovers: { at: string; from: string; to: string; note: string }[];
  endedAt: string | null;
  abortReason: string | null;
  rtoTargetMinutes: number;
  rpoTargetMinutes: number;
  measuredRtoMinutes: number | null;
  measuredRpoMinutes: number | null;
  /** Null until measured. */
  rtoMet: boolean | null;
  rpoMet: boolean | null;
  actions: string[];
}

export interface DrillsScheduleView {
  /** Where the plans came from (a file path, or the demo plans), its problems (the last good plans stay in use) and warnings. */
  source: string;
  problems: string[];
  warnings: string[];
  at: string;
  viewerTimeZone: string;
  sites: { id: string; name: string; timeZone: string }[];
  plans: DrillPlanRowView[];
  cadence: { kind: string; site: string; everyDays: number; lastPassed: string | null; dueBy: string | null; compliant: boolean; daysLate: number }[];
  /** Every occurrence in the next 12 months, soonest first. */
  agenda: { plan: string; site: string; times: DrillTimesView }[];
  /** Every drill recorded (the plans file's history and the runs that ended), oldest first, for the calendar. */
  history: { plan: string; site: string; times: DrillTimesView; outcome: 'passed' | 'failed' | 'aborted'; lead: string }[];
}

export type AuditVerifyView =
  /** keying: 'keyed' when every MAC from the keying point on was checked; otherwise keyingNote says what could not be. anchor: the chain head as the CLI prints it (SEQ:HASH, for `--anchor`). */
  | { ok: true; entries: number; path: string; keying: 'keyed' | 'unkeyed' | 'key-unavailable'; keyingNote: string; anchor: string }
  | { ok: false; entries: number; path: string; brokenAtSeq: number | null; brokenAtLine: number; reason: string };

export interface AuditEntryView {
  seq: number;
  at: string;
  kind: string;
  operator: string;
  host: string | null;
  summary: string;
  /** The command that ran, on command.start and command.end entries. */
  command?: string | null;
}

export type OperatorPrompt =
  | { promptId: string; kind: 'host-key'; host: string; address: string; port: number; keyType: string; fingerprint: string }
  | {
      promptId: string;
      kind: 'keyboard-interactive';
      host: string;
      name: string;
      instructions: string;
      prompts: { prompt: string; echo: boolean }[];
    }
  | { promptId: string; kind: 'passphrase'; host: string; identityFile: string }
  /** Every unknown host key a scan met at one site, asked once before it connects. */
  | { promptId: string; kind: 'host-keys'; site: string; siteName: string; keys: HostKeyCandidateView[] };

export interface HostKeyCandidateView {
  /** What an answer names to accept this key. */
  id: string;
  /** The server that offered it: "nj bastion", "imap1.nj". */
  label: string;
  address: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** The scanned hosts it stands in front of. */
  hosts: string[];
}

/** The scan in progress, for a page that (re)attaches to it. */
export interface ScanRunView {
  runId: string;
  scope: ScanScope;
  startedAt: string;
  total: number;
  done: number;
  failed: number;
  cancelled: number;
  hosts: { host: string; dc: string; phase: HostPhase; reason: string | null }[];
}

// ---------------------------------------------------------------- pages: host history, audit paging, role policies

/** One past result of a host and what changed since the result before it. */
export interface HostHistoryEntryView {
  runId: string;
  startedAt: string | null;
  finishedAt: string | null;
  phase: HostPhase;
  reason: string | null;
  findingCounts: Partial<Record<Severity, number>>;
  /** Pending updates and how many of them are security updates; null when the patch facts were not read. */
  pending: { total: number; security: number } | null;
  /** Against the previous (older) entry; null for the oldest one shown. */
  changes: {
    phase: { from: HostPhase; to: HostPhase } | null;
    findingsAdded: { severity: Severity; title: string }[];
    findingsRemoved: { severity: Severity; title: string }[];
    pending: { from: { total: number; security: number } | null; to: { total: number; security: number } | null } | null;
  } | null;
}

export interface AuditPageView {
  /** Entries matching the filter, in the whole log. */
  total: number;
  offset: number;
  entries: AuditEntryView[];
}

export interface RolePolicyView {
  role: string;
  hosts: number;
  allowedPorts: { proto: 'tcp' | 'udp'; ports: string; from: string[] }[];
  patchSlaHours: number;
  backupRpoHours: number;
  restoreTestMaxAgeDays: number;
  drillCadenceDays: number;
}

// ---------------------------------------------------------------- input schemas

const hostName = z.string().min(1).max(253);
const scanScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fleet') }),
  z.object({ kind: z.literal('dc'), id: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('role'), role: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('host'), name: hostName }),
]);
export type ScanScope = z.infer<typeof scanScope>;

const drillRunId = z.string().regex(/^drill-[0-9a-f-]{36}$/);
/** The engineer's name as typed (recorded with each event; the audit log has the OS login too). */
const drillEngineer = z.string().trim().min(1).max(100);

const operatorAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host-key'), accept: z.boolean() }),
  z.object({ kind: z.literal('host-keys'), accept: z.array(z.string().min(1).max(600)).max(10_000) }),
  z.object({ kind: z.literal('keyboard-interactive'), responses: z.array(z.string().max(4096)).max(16).nullable() }),
  z.object({
    kind: z.literal('passphrase'),
    passphrase: z.string().max(4096).nullable(),
    remember: z.boolean(),
  }),
]);
export type OperatorAnswer = z.infer<typeof operatorAnswer>;

const nothing = z.object({}).strict();

// ---------------------------------------------------------------- backups: restore tests

export type RestoreClass = 'matched' | 'mismatched' | 'changed-since-backup' | 'missing-live' | 'missing-in-backup' | 'not-restored';

/** A restore test as evidence (main/engine/backups/restore-test-evidence.ts explains each field). */
export type RestoreTestOutcome = 'passed' | 'failed' | 'error' | 'cancelled';

export interface RestoreTestFileEvidence {
  path: string;
  class: RestoreClass;
  restoredSha256: string | null;
  liveSha256: string | null;
  bytes: number | null;
  liveMtime: string | null;
  liveCtime: string | null;
  canary: boolean;
}

export interface RestoreTestCommandEvidence {
  id: string;
  command: string;
  exitCode: number | null;
  durationMs: number;
  stdoutSha256: string;
  stderrSha256: string;
  error: string | null;
}

export interface RestoreTestEvidence {
  testId: string;
  host: string;
  dc: string;
  tool: 'restic' | 'borg';
  jobIndex: number;
  operator: string;
  startedAt: string;
  finishedAt: string;
  outcome: RestoreTestOutcome;
  /** Why, when the outcome is not passed. */
  reason: string | null;
  snapshotId: string | null;
  snapshotTime: string | null;
  seed: string;
  requestedFiles: number;
  scratchDir: string | null;
  files: RestoreTestFileEvidence[];
  counts: Record<RestoreClass, number>;
  bytes: number;
  durationMs: number;
  commands: RestoreTestCommandEvidence[];
}

export interface RestoreTestProgressEvent {
  testId: string;
  host: string;
  phase: 'listing' | 'sampling' | 'restoring' | 'comparing' | 'done';
  detail: string;
}

// ---------------------------------------------------------------- backups: integrity cycle

export type IntegrityCheckOutcome = 'passed' | 'failed' | 'error' | 'cancelled';

/** One integrity check OpsDeck ran (main/engine/backups/integrity-check-runner.ts). */
export interface IntegrityCheckRun {
  checkId: string;
  host: string;
  dc: string;
  tool: 'restic' | 'borg';
  jobIndex: number;
  operator: string;
  /** The part of the repository read: `subset` of `subsets` (borg reads it whole: 1 of 1). */
  subset: number;
  subsets: number;
  startedAt: string;
  finishedAt: string;
  outcome: IntegrityCheckOutcome;
  reason: string | null;
  /** The tool's own last lines, as text. */
  toolOutput: string[];
  durationMs: number;
  commands: RestoreTestCommandEvidence[];
}

/** Where a job's integrity cycle stands: which parts were read in the current cycle, when the last full one ended. */
export interface IntegrityCycleView {
  host: string;
  dc: string;
  jobIndex: number;
  tool: 'restic' | 'borg';
  subsets: number;
  /** Parts read without error in the cycle under way, ascending. */
  coveredInCycle: number[];
  nextSubset: number;
  cycleStartedAt: string | null;
  lastFullCycleAt: string | null;
  /** Share (0–1) of the repository read without error within the last `windowDays` days. */
  verifiedShare: number;
  windowDays: number;
  lastRun: IntegrityCheckRun | null;
}

export interface IntegrityCheckProgressEvent {
  checkId: string;
  host: string;
  phase: 'checking' | 'done';
  detail: string;
}

// ---------------------------------------------------------------- methods

/** A method: its input schema, and (as a phantom) the type of its result. */
interface MethodSpec<S extends z.ZodType, R> {
  input: S;
  result?: R;
}
const method =
  <R>() =>
  <S extends z.ZodType>(input: S): MethodSpec<S, R> => ({ input });

export const methods = {
  'app.info': method<AppInfo>()(nothing),
  'fleet.get': method<FleetView>()(nothing),
  'fleet.loadInventory': method<FleetView>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  'fleet.importAnsible': method<{ fleet: FleetView; warnings: string[]; savedTo: string }>()(
    z
      .object({
        path: z.string().min(1).max(4096),
        mappingPath: z.string().min(1).max(4096).nullable(),
        savePath: z.string().min(1).max(4096),
      })
      .strict(),
  ),
  /** Opens the front end's native file dialog; the chosen path becomes one the engine may read or create. */
  'fleet.chooseFile': method<{ path: string | null }>()(z.object({ purpose: z.enum(['inventory', 'ansible-inventory', 'group-mapping', 'save-inventory']) }).strict()),
  'scan.start': method<{ runId: string; total: number }>()(z.object({ scope: scanScope }).strict()),
  'scan.cancel': method<{ cancelled: boolean }>()(z.object({ runId: z.string().min(1).max(64) }).strict()),
  /** The scan in progress (null when none) and the operator questions waiting, for a page that loads while a scan runs. */
  'scan.current': method<{ run: ScanRunView | null; prompts: OperatorPrompt[] }>()(nothing),
  'host.lastScan': method<HostDetailView | null>()(z.object({ name: hostName }).strict()),
  /** A page of one stored raw output (outputs are shown by their first bytes; "show more" pages through the rest). */
  'host.rawOutputPage': method<RawOutputPage | null>()(
    z
      .object({
        name: hostName,
        runId: z.string().min(1).max(64),
        index: z.number().int().min(0).max(10_000),
        stream: z.enum(['stdout', 'stderr']),
        offset: z
          .number()
          .int()
          .min(0)
          .max(2 ** 40),
        length: z
          .number()
          .int()
          .min(1)
          .max(1024 * 1024),
      })
      .strict(),
  ),
  'operator.answer': method<{ accepted: boolean }>()(z.object({ promptId: z.string().min(1).max(64), answer: operatorAnswer }).strict()),
  'posture.findings': method<FindingView[]>()(nothing),
  /** Every host's patch facts from its latest answered scan. */
  'posture.patches': method<AreaHostView<PatchFactsView>[]>()(nothing),
  /** Every host's access facts from its latest answered scan. */
  'posture.access': method<AreaHostView<AccessFactsView>[]>()(nothing),
  'posture.transport': method<AreaHostView<TransportFactsView>[]>()(nothing),
  /** Every host's backup facts from its latest answered scan. */
  'posture.backups': method<AreaHostView<BackupFactsView>[]>()(nothing),
  /** Pending security updates per site after each scan run, oldest first. */
  'posture.patchHistory': method<{ runId: string; at: string; dc: string; pendingSecurity: number; hosts: number }[]>()(nothing),
  /** Disk-encryption coverage of every host with encryption facts (compact: no volumes or device trees). */
  'posture.encryptionCoverage': method<EncryptionCoverageView[]>()(nothing),
  /** Every host's exposed ports against its baseline, for the fleet matrix (no rules). */
  'firewall.fleetExposure': method<FirewallHostExposureView[]>()(nothing),
  /** One host's firewall: exposure, chains and its rules, whole or one page; null when it has no firewall facts yet. */
  'firewall.hostRules': method<FirewallHostRulesView | null>()(
    z.object({ host: hostName, offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1_000_000).optional() }).strict(),
  ),
  /** The firewall commands' raw outputs of a host's latest scan (nft -j, iptables-save, ipfstat, fwadm, sockets). */
  'firewall.rawOutputs': method<{ runId: string; finishedAt: string | null; outputs: RawOutputView[] } | null>()(z.object({ host: hostName }).strict()),
  /** Two hosts' effective exposure and rules, compared. */
  'firewall.diff': method<FirewallHostDiffView>()(z.object({ a: hostName, b: hostName }).strict()),
  'audit.verify': method<AuditVerifyView>()(nothing),
  'audit.recent': method<AuditEntryView[]>()(z.object({ limit: z.number().int().min(1).max(1000) }).strict()),
  /** The disaster-recovery drill schedule: plans overdue, due and next, cadence per kind and site, the next 12 months. */
  'drills.schedule': method<DrillsScheduleView>()(z.object({ viewerTimeZone: z.string().min(1).max(64) }).strict()),
  /** The schedule as an iCalendar file. */
  'drills.ics': method<{ fileName: string; text: string }>()(nothing),
  /** Live drill runs (to resume after a reload or a restart). */
  'drills.liveRuns': method<DrillRunView[]>()(nothing),
  /** Starts a run of a plan (for a scheduled occurrence, or off schedule); one live run per plan. */
  'drills.startRun': method<DrillRunView>()(z.object({ plan: z.string().min(1).max(100), occurrence: z.iso.datetime({ offset: true }).nullable(), by: drillEngineer }).strict()),
  'drills.run': method<DrillRunView>()(z.object({ runId: drillRunId }).strict()),
  /**
   * One step: `start` it; check a checklist item off (`done`, `failed`, `skipped`, with a note);
   * `run` a verification; `change` runs a change step only when `typedTarget` is exactly its host.
   */
  'drills.runStep': method<DrillRunView>()(
    z
      .object({
        runId: drillRunId,
        step: z.number().int().min(0).max(999),
        action: z.enum(['start', 'done', 'failed', 'skipped', 'run', 'change']),
        note: z.string().max(4000),
        typedTarget: z.string().max(253).nullable(),
        by: drillEngineer,
      })
      .strict(),
  ),
  'drills.handOver': method<DrillRunView>()(z.object({ runId: drillRunId, to: drillEngineer, note: z.string().max(4000), by: drillEngineer }).strict()),
  'drills.abortRun': method<DrillRunView>()(z.object({ runId: drillRunId, reason: z.string().min(1).max(4000), by: drillEngineer }).strict()),
  /** Closes a run whose steps are all finished, with the RPO measured (data age at failover, minutes) and follow-up actions. */
  'drills.finishRun': method<DrillRunView>()(
    z.object({ runId: drillRunId, rpoMinutes: z.number().min(0).max(1_000_000).nullable(), actions: z.array(z.string().min(1).max(500)).max(50), by: drillEngineer }).strict(),
  ),
  'secrets.forgetPassphrases': method<{ removed: number }>()(nothing),
  // Pages that point at the problem (issue 13, items 8–15).
  /** A host's past results, newest first, each with what changed since the one before. */
  'host.history': method<HostHistoryEntryView[]>()(z.object({ name: hostName, limit: z.number().int().min(1).max(500).optional() }).strict()),
  /** Audit entries newest first, filtered (substring, case-insensitive; time bounds inclusive, ISO), one page. */
  'audit.page': method<AuditPageView>()(
    z
      .object({
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(1000),
        host: z.string().max(253).optional(),
        operator: z.string().max(200).optional(),
        command: z.string().max(1000).optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
  ),
  /** Each role's policy from the inventory: allowed ports, patch SLA, RPO, restore-test age, drill cadence. */
  'fleet.policies': method<RolePolicyView[]>()(nothing),
  /** Switches back to the built-in demo fleet (simulated), forgetting the configured inventory file. */
  'fleet.useDemo': method<FleetView>()(nothing),
  /** Starts a restore test of a host's restic or borg job; progress comes as restore-test:progress, the evidence as restore-test:finished. */
  'backups.restoreTest': method<{ testId: string }>()(z.object({ host: hostName, files: z.number().int().min(0).max(10_000).optional() }).strict()),
  'backups.cancelRestoreTest': method<{ cancelled: boolean }>()(z.object({ testId: z.string().min(1).max(64) }).strict()),
  /** Stored restore tests, newest first; of one host, or of every host. */
  'backups.restoreTests': method<RestoreTestEvidence[]>()(z.object({ host: hostName.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict()),
  /** Starts the next part of a job's integrity cycle; progress comes as integrity-check:progress, the run as integrity-check:finished. */
  'backups.integrityCheck': method<{ checkId: string }>()(z.object({ host: hostName, job: z.number().int().min(0).max(100).optional() }).strict()),
  'backups.cancelIntegrityCheck': method<{ cancelled: boolean }>()(z.object({ checkId: z.string().min(1).max(64) }).strict()),
  /** Stored integrity checks, newest first; of one host, or of every host. */
  'backups.integrityChecks': method<IntegrityCheckRun[]>()(z.object({ host: hostName.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict()),
  /** Each restic/borg job's integrity cycle: coverage, the last full cycle, the share verified recently. */
  'backups.integrityCycles': method<IntegrityCycleView[]>()(nothing),
  /** Status per Annex 2 control and site, the trend over the stored scans, the DR-readiness scorecard (issue 17). */
  'reports.status': method<StatusReportView>()(z.object({ since: z.iso.datetime({ offset: true }).optional(), dc: z.string().min(1).max(64).optional() }).strict()),
  /** Writes the report (HTML, PDF, CSV, JSON) into a new folder under the data folder's reports/; returns the files. */
  'reports.export': method<{ folder: string; files: string[] }>()(
    z
      .object({
        formats: z
          .array(z.enum(['html', 'pdf', 'csv', 'json']))
          .min(1)
          .max(4),
      })
      .strict(),
  ),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = Exclude<Methods[M]['result'], undefined>;

export const methodNames = Object.keys(methods) as MethodName[];

// ---------------------------------------------------------------- events

export interface ScanProgressEvent {
  runId: string;
  host: string;
  dc: string;
  phase: HostPhase;
  reason: string | null;
  done: number;
  /** Hosts that ended failed (cancelled ones are counted apart). */
  failed: number;
  cancelled: number;
  total: number;
}

export interface ScanFinishedEvent {
  runId: string;
  total: number;
  ok: number;
  failed: number;
  cancelled: boolean;
  /** Hosts not scanned because the run was cancelled. */
  cancelledHosts: number;
}

export interface EventPayloads {
  'scan:progress': ScanProgressEvent;
  'scan:host-result': HostScanSummary & { runId: string };
  'scan:finished': ScanFinishedEvent;
  'operator:prompt': OperatorPrompt;
  'operator:prompt-closed': { promptId: string };
  'fleet:changed': FleetSourceView;
  'restore-test:progress': RestoreTestProgressEvent;
  'restore-test:finished': RestoreTestEvidence;
  /** A problem the engine met after it started (history not saved, an audit entry not written): also in app.info's notices. */
  'app:notice': { message: string };
  'integrity-check:progress': IntegrityCheckProgressEvent;
  'integrity-check:finished': IntegrityCheckRun;
}
export type EventName = keyof EventPayloads;
export const eventNames: EventName[] = [
  'scan:progress',
  'scan:host-result',
  'scan:finished',
  'operator:prompt',
  'operator:prompt-closed',
  'fleet:changed',
  'restore-test:progress',
  'restore-test:finished',
  'app:notice',
  'integrity-check:progress',
  'integrity-check:finished',
];

// ---------------------------------------------------------------- channels

/** Electron IPC channel for a method; the only place channel names are made. */
export const methodChannel = (name: MethodName): string => `opsdeck:call:${name}`;
export const EVENT_CHANNEL = 'opsdeck:event';

// ---------------------------------------------------------------- the API the renderer sees

type Namespace<K> = K extends `${infer N}.${string}` ? N : never;
type Member<K, N extends string> = K extends `${N}.${infer M}` ? M : never;

export type OpsDeckApi = {
  [N in Namespace<MethodName>]: {
    [K in MethodName as Member<K, N>]: (input: MethodInput<K>) => Promise<CallResult<MethodResult<K>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** Splits "scan.start" into ["scan", "start"]; used by the preload and the browser shim. */
export function splitMethodName(name: string): [string, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}
