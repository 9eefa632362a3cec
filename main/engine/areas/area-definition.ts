// A posture area as the scan engine runs it: fixed commands per OS, a pure
// step from raw outputs (and the area's facts from the host's previous scan,
// for clocks such as "pending since") to facts, a pure step from facts and
// the host's policy to findings, and optionally a fleet step comparing hosts
// (drift between roles, parity between the two sites). Areas live above
// both collectors and posture: this is the one place that binds the two.
import type { PostureArea } from '../../../preload/contract';
import type { CommandOutput, HostCommand, TargetOs } from '../collectors/host-command';
import type { ControlId, Finding } from '../posture/finding';
import type { FleetHostFacts } from '../posture/fleet-host-facts';
import type { HostContext, HostPolicy } from '../posture/host-context';

export interface AreaDefinition<Facts = unknown> {
  area: PostureArea;
  /** The Annex 2 control the area checks (named by the finding that says its outputs could not be analysed). */
  control: ControlId;
  commands: Record<TargetOs, HostCommand[]>;
  /** Commands that depend on the host's policy (backups: which environment file, which units); built from validated values only. */
  hostCommands?(os: TargetOs, policy: HostPolicy): HostCommand[];
  /** Whether `facts` reads the host's previous facts of this area (a clock carried across scans); only these are read from the store. */
  readsPrevious?: true;
  facts(os: TargetOs, outputs: CommandOutput[], now: Date, previous: Facts | undefined, policy?: HostPolicy): Facts;
  findings(facts: Facts, context: HostContext): Finding[];
  fleetFindings?(hosts: FleetHostFacts<Facts>[]): Finding[];
  /** Facts that say why the outputs could not be analysed, for an area whose findings can tell that themselves. */
  unanalysed?(os: TargetOs, reason: string): Facts;
}

/** Declares an area with its facts type checked through every step; the registry holds them side by side. */
export function defineArea<Facts>(definition: AreaDefinition<Facts>): AreaDefinition<Facts> {
  return definition;
}
