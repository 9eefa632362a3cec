// `vmadm list -p -o uuid,alias,firewall_enabled`: parsable mode, no header,
// fields joined with `:`, NOT escaped (vmadm.js: "TODO: escape ':'
// characters"), missing values empty. The uuid is fixed-width and the flag
// is last, so the alias is whatever lies between — even with a `:` in it.
// firewall_enabled only exists when true (vmadm(8)): empty means false.
// vmadm documents the property as not listable; platforms that refuse it
// answer `Invalid order key: "firewall_enabled"` (exit 1) — kept as the
// `unsupported` state with that message.
import { parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed, type SkippedInput } from '../parse-result';
import { outputLines } from '../output-lines';
import { toolFailure } from './tool-failure';

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
  const refused = refuseInput(stdout, 'vmadm list');
  if (refused) return refused;
  const zones: ZoneEntry[] = [];
  const bounded = outputLines(stdout, 'vmadm');
  const skipped: SkippedInput[] = bounded.skipped;
  let unknown = 0;
  for (const [index, raw] of bounded.lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const uuid = line.slice(0, 36);
    const last = line.lastIndexOf(':');
    if (!UUID.test(uuid) || line[36] !== ':' || last < 36) {
      unknown++;
      skipped.push(skippedInput(`line ${index + 1}`, line, 'not a uuid:alias:firewall_enabled line'));
      continue;
    }
    const flag = line
      .slice(last + 1)
      .trim()
      .toLowerCase();
    if (flag !== '' && flag !== 'true' && flag !== 'false') {
      unknown++;
      skipped.push(skippedInput(`line ${index + 1}`, line, `firewall_enabled "${flag}" is neither true, false nor empty`));
      continue;
    }
    const alias = last > 36 ? line.slice(37, last) : '';
    zones.push({ uuid, alias: alias === '' ? null : alias, firewallEnabled: flag === 'true', line });
  }
  if (unknown > 0 && unknown >= zones.length)
    return parsedFailure(
      'unparsed',
      `not vmadm list -p -o uuid,alias,firewall_enabled output: ${unknown} line(s) are not uuid:alias:firewall_enabled, e.g. ${JSON.stringify(skipped[skipped.length - 1]!.text.slice(0, 80))}`,
    );
  return parsedOk({ zones }, bounded.warnings, skipped, 'vmadm list');
}
