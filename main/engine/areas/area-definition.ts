// A posture area as the scan engine runs it: fixed commands per OS, a pure
// step from raw outputs (and the area's facts from the host's previous scan,
// for clocks such as "pending since") to facts, a pure step from facts and
// the host's policy to findings, and optionally a fleet step comparing hosts
// (drift between roles, parity between the two sites).
import type { PostureArea } from '../../../preload/contract';
import type { Finding } from '../posture/finding';
import type { HostContext, HostPolicy } from '../posture/host-context';
import type { CommandOutput, HostCommand, TargetOs } from './host-command';

export interface FleetHostFacts<Facts> {
  host: string;
  dc: string;
  siteRole: 'primary' | 'secondary';
  roles: string[];
  /** The host's role baseline, when the scan knows it (drift tells a baseline breach from a difference). */
  policy?: HostPolicy;
  facts: Facts;
}

export interface AreaCollector<Facts = unknown> {
  area: PostureArea;
  commands: Record<TargetOs, HostCommand[]>;
  /** Commands that depend on the host's policy (backups: which environment file, which units); built from validated values only. */
  hostCommands?(os: TargetOs, policy: HostPolicy): HostCommand[];
  facts(os: TargetOs, outputs: CommandOutput[], now: Date, previous: Facts | undefined, policy?: HostPolicy): Facts;
  findings(facts: Facts, context: HostContext): Finding[];
  fleetFindings?(hosts: FleetHostFacts<Facts>[]): Finding[];
}
