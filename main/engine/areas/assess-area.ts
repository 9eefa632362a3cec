// One area's pure steps for one host, guarded once for every area: the
// parsers never throw and the analyses are tested not to, but should one ever
// throw, the host still gets a result that says so (the outputs stay kept as
// evidence) instead of losing every area's findings.
import type { CommandOutput, TargetOs } from '../collectors/host-command';
import { errorMessage } from '../errors/error-message';
import { areaFinding } from '../posture/area-finding';
import type { Finding } from '../posture/finding';
import type { HostContext } from '../posture/host-context';
import type { AreaDefinition } from './area-definition';

export interface AreaAssessment<Facts> {
  /** Absent when the outputs could not be analysed and the area has no facts that can say so. */
  facts: Facts | undefined;
  findings: Finding[];
}

export function assessArea<Facts>(area: AreaDefinition<Facts>, os: TargetOs, outputs: CommandOutput[], previous: Facts | undefined, context: HostContext): AreaAssessment<Facts> {
  let facts: Facts;
  try {
    facts = area.facts(os, outputs, context.now, previous, context.policy);
  } catch (error) {
    const reason = `OpsDeck could not analyse the ${area.area} outputs (${errorMessage(error)}), which are kept as evidence`;
    if (!area.unanalysed) return { facts: undefined, findings: [unanalysedFinding(area, context, reason)] };
    facts = area.unanalysed(os, reason);
  }
  try {
    return { facts, findings: area.findings(facts, context) };
  } catch (error) {
    return { facts, findings: [unanalysedFinding(area, context, `OpsDeck could not judge the ${area.area} facts (${errorMessage(error)}); the outputs are kept as evidence`)] };
  }
}

function unanalysedFinding(area: AreaDefinition<unknown>, context: HostContext, reason: string): Finding {
  return areaFinding({
    area: area.area,
    kind: 'unanalysed',
    host: context.host,
    dc: context.dc,
    control: area.control,
    severity: 'high',
    title: `${area.area} could not be analysed`,
    detail: reason,
    commandIds: [],
    excerpt: [reason],
  });
}
