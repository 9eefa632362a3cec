// Failure states every firewall command shares, decided before a format
// parser looks at stdout: the tool is missing, OpsDeck lacks privilege, the
// command did not finish. Each keeps the tool's own message.
import { commonFailure, firstLine, parsedFailure, type Parsed } from '../parse-result';

// SmartOS tools word "not root" their own way (fwadm.js / onlyif.js):
// "FATAL: cannot run: you are not root." and "FATAL: cannot run because: you are not root.".
const NOT_ROOT = /(you are not root|not privileged|insufficient privileges)/i;
// vmadm/fwadm outside the global zone or off SmartOS (onlyif.js).
const WRONG_ZONE = /(this is not the global zone|this is not SmartOS)/i;

export function toolFailure(tool: string, stdout: string, stderr: string, exitCode: number | null): Parsed<never> | null {
  if (exitCode === null) {
    return parsedFailure('unparsed', `${tool} did not finish${firstLine(stderr) ? `: ${firstLine(stderr)}` : ''}; its output is incomplete`);
  }
  const common = commonFailure(tool, exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0 && NOT_ROOT.test(stderr)) {
    return parsedFailure('needs-privilege', `${tool} needs privileges OpsDeck does not have here: ${firstLine(stderr)}`);
  }
  if (exitCode !== 0 && WRONG_ZONE.test(stderr)) {
    return parsedFailure('unsupported', `${tool} cannot run on this host: ${firstLine(stderr)}`);
  }
  if (exitCode !== 0 && stdout.trim() === '') {
    return parsedFailure('unparsed', `${tool} failed (exit ${exitCode}): ${firstLine(stderr) || 'no message'}`);
  }
  return null;
}
