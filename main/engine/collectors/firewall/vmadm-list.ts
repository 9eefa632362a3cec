// `vmadm list -p -o uuid,alias,firewall_enabled`: parsable mode, no header,
// fields joined with `:`, NOT escaped (vmadm.js: "TODO: escape ':'
// characters"), missing values empty. The uuid is fixed-width and the flag
// is last, so the alias is whatever lies between — even with a `:` in it.
// firewall_enabled only exists when true (vmadm(8)): empty means false.
// vmadm documents the property as not listable; platforms that refuse it
// answer `Invalid order key: "firewall_enabled"` (exit 1) — kept as the
// `unsupported` state with that message.
import { parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { boundedLines, toolFailure } from './tool-failure';

export interface ZoneEntry {
  uuid: string;
  alias: string | null;
  firewallEnabled: boolean;
  line: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseVmadmList(stdout: string, stderr: string, exitCode: number | null): Parsed<{ zones: ZoneEntry[] }> {
  if (/Invalid order key/.test(stderr)) {
    return parsedFailure('unsupported', `vmadm on this platform cannot list firewall_enabled: ${stderr.trim().split('\n')[0]} (vmadm lookup -j -o uuid,alias,firewall_enabled would)`);
  }
  const failure = toolFailure('vmadm', stdout, stderr, exitCode);
  if (failure) return failure;
  const zones: ZoneEntry[] = [];
  const skipped: string[] = [];
  for (const raw of boundedLines(stdout).lines) {
    const line = raw.trim();
    if (line === '') continue;
    const uuid = line.slice(0, 36);
    const last = line.lastIndexOf(':');
    if (!UUID.test(uuid) || line[36] !== ':' || last < 36) {
      skipped.push(line);
      continue;
    }
    const flag = line.slice(last + 1).trim().toLowerCase();
    if (flag !== '' && flag !== 'true' && flag !== 'false') {
      skipped.push(line);
      continue;
    }
    const alias = last > 36 ? line.slice(37, last) : '';
    zones.push({ uuid, alias: alias === '' ? null : alias, firewallEnabled: flag === 'true', line });
  }
  if (zones.length === 0 && skipped.length > 0) return parsedFailure('unparsed', `vmadm list printed no uuid:alias:firewall_enabled line: ${skipped[0]!.slice(0, 200)}`);
  return parsedOk({ zones }, skipped.length ? [`vmadm: ${skipped.length} line(s) not understood: ${skipped.slice(0, 2).join(' | ')}`] : []);
}
