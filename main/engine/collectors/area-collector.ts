// A posture area as the scan engine runs it: fixed commands per OS, a pure
// step from raw outputs to facts, and a pure step from facts and the host's
// policy to findings. Each area (firewall, encryption, patches …) provides one.
import type { PostureArea } from '../../../preload/contract';
import type { Finding } from '../posture/finding';
import type { HostContext } from '../posture/host-context';
import type { CommandOutput, HostCommand, TargetOs } from './host-command';

export interface AreaCollector<Facts = unknown> {
  area: PostureArea;
  commands: Record<TargetOs, HostCommand[]>;
  facts(os: TargetOs, outputs: CommandOutput[], now: Date): Facts;
  findings(facts: Facts, context: HostContext): Finding[];
}
