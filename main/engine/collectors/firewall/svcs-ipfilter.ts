// illumos `svcs -H ipfilter`: `STATE STIME FMRI`, STATE left-justified in
// 14 characters, a trailing `*` while a transition is in progress
// (`online*`), STIME `HH:MM:SS` or `Mon_DD` (svcs(1)). A disabled service
// is the distinct `service-disabled` state, with the line kept. An unknown
// service name: `svcs: Pattern 'ipfilter' doesn't match any instances`.
import { parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { outputLines } from '../output-lines';
import { toolFailure } from './tool-failure';

export interface SvcsService {
  /** online, disabled, offline, maintenance, degraded, legacy_run, uninitialized. */
  state: string;
  transitioning: boolean;
  stime: string;
  fmri: string;
  line: string;
}

export function parseSvcsIpfilter(stdout: string, stderr: string, exitCode: number | null): Parsed<SvcsService> {
  if (/doesn't match any instances/.test(stderr)) return parsedFailure('unsupported', `svcs knows no ipfilter service on this host: ${stderr.trim().split('\n')[0]}`);
  const failure = toolFailure('svcs', stdout, stderr, exitCode);
  if (failure) return failure;
  const refused = refuseInput(stdout, 'svcs -H ipfilter');
  if (refused) return refused;
  const services: SvcsService[] = [];
  const { lines, warnings, skipped } = outputLines(stdout, 'svcs');
  for (const [index, raw] of lines.entries()) {
    const match = /^(\S+?)(\*?)\s+(\S+)\s+(svc:\/\S+|lrc:\/\S+)\s*$/.exec(raw.trim());
    if (match) services.push({ state: match[1]!, transitioning: match[2] === '*', stime: match[3]!, fmri: match[4]!, line: raw.trimEnd() });
    else if (raw.trim() !== '' && !/^STATE\s+STIME\s+FMRI/.test(raw.trim())) skipped.push(skippedInput(`line ${index + 1}`, raw, 'not a STATE STIME FMRI line'));
  }
  const service = services.find((each) => each.fmri.endsWith('/ipfilter:default')) ?? services.find((each) => each.fmri.includes('ipfilter')) ?? services[0];
  if (!service) return parsedFailure('unparsed', `not svcs output: no STATE STIME FMRI line (${JSON.stringify(stdout.trim().slice(0, 80)) || '(nothing)'})`);
  if (service.state === 'disabled') return { status: 'service-disabled', value: service, message: `ipfilter is disabled (${service.line.replace(/\s+/g, ' ')})`, warnings: [] };
  return parsedOk(service, warnings, skipped, 'svcs -H ipfilter');
}
