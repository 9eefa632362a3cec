// Who can log in inside a SmartOS host's zones: one constant script, run in
// the global zone, walks `zoneadm list -cp` and, for each running zone that
// is not a hardware VM, runs the access listing *inside* the zone through
// `zlogin` — never through the zone's root path from the global zone, where
// a symlink the zone's root made could point anywhere in the global zone.
//
// The global zone prints each zone's marker; everything the zone prints
// comes behind CONTENT_PREFIX (the global zone's `sed`), so a zone can forge
// nothing but its own section. Inside the zone, each source is one section
// ending with its exit status. zone names come from the host: they are data
// in shell variables, never part of the script, and a name that does not
// start like a zone name (zonecfg: alphanumeric) is not passed to zlogin.
import { shellQuote } from '../backups/backup-commands';
import { parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed, type SkippedInput } from '../parse-result';
import type { SourceRead } from '../output-reader';
import { parseAuthorizedKeysListing, type AuthorizedKey } from './authorized-keys';
import { AUTHORIZED_KEYS_SCRIPT, CONTENT_PREFIX, MARKER_END } from './listing-format';
import { parseGetentPasswd, parsePasswordStatus, type Account, type PasswordStatus } from './passwd-entries';

const ZONE_MARKER = '==> opsdeck-zone ';
const ZONE_END = '==> opsdeck-zone-end ';
const SECTION = '==> opsdeck-section ';
const SECTION_END = '==> opsdeck-end ';
const ZLOGIN_EXIT = '==> opsdeck-zlogin-exit ';

/** Brands whose zones are hardware VMs: zlogin reaches only the emulator's zone, not the guest. */
const HARDWARE_VM_BRANDS = new Set(['kvm', 'bhyve']);

const SECTIONS = ['passwd', 'password-status', 'authorized-keys'] as const;
type SectionName = (typeof SECTIONS)[number];

const INSIDE_ZONE_SCRIPT = [
  `section() { printf '${SECTION}%s${MARKER_END}\\n' "$1"; }`,
  `end() { printf '${SECTION_END}%s %s${MARKER_END}\\n' "$1" "$2"; }`,
  'section passwd; getent passwd; end passwd $?',
  // An lx zone is Linux inside (shadow-utils' -S), a native zone illumos (-s).
  'section password-status; if [ "$(uname -s)" = Linux ]; then passwd -S -a; else passwd -s -a; fi; end password-status $?',
  `section authorized-keys; (${AUTHORIZED_KEYS_SCRIPT}); end authorized-keys $?`,
].join('\n');

const ZONE_WALK_SCRIPT = [
  `inside=${shellQuote(INSIDE_ZONE_SCRIPT)}`,
  'zoneadm list -cp | while IFS=: read -r id name state path uuid brand rest; do',
  '  [ "$name" = global ] && continue',
  `  printf '${ZONE_MARKER}%s %s %s${MARKER_END}\\n' "$name" "$brand" "$state"`,
  '  case "$name" in [A-Za-z0-9]*) ;; *) continue ;; esac',
  '  case "$state:$brand" in',
  '    running:kvm|running:bhyve) ;;',
  `    running:*) { zlogin -Q "$name" "$inside" </dev/null; printf '${ZLOGIN_EXIT}%s${MARKER_END}\\n' "$?"; } | sed 's/^/${CONTENT_PREFIX}/' ;;`,
  '  esac',
  `  printf '${ZONE_END}%s${MARKER_END}\\n' "$name"`,
  'done',
].join('\n');

export const ZONE_ACCESS_COMMAND = `sh -c ${shellQuote(ZONE_WALK_SCRIPT)}`;

export interface ZoneAccess {
  zone: string;
  brand: string;
  state: string;
  /** Why the zone's logins were not read (not running, a hardware VM, zlogin failed), or null when they were. */
  unread: string | null;
  /** Not read on purpose — a stopped zone (no one can log in now) or a hardware VM (its guest is a host of its own) — so not a gap in the check. */
  outOfScope: boolean;
  accounts: SourceRead<Account[]> | null;
  passwords: SourceRead<PasswordStatus[]> | null;
  keys: SourceRead<AuthorizedKey[]> | null;
}

interface ZoneBlock {
  zone: string;
  brand: string;
  state: string;
  /** The zone's own lines, without the global zone's prefix. */
  lines: string[];
  ended: boolean;
}

export function parseZoneAccess(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<ZoneAccess[]> {
  const refused = refuseInput(stdout, 'the zone access listing');
  if (refused) return refused;
  const skipped: SkippedInput[] = [];
  const blocks = splitZones(stdout, skipped);
  if (blocks.length === 0) {
    if (/zoneadm: (not found|command not found)|zoneadm: No such file/i.test(stderr) || exitCode === 127)
      return parsedFailure('tool-missing', `zoneadm is not on this host: ${stderr.trim() || 'not found'}`);
    if (exitCode !== 0 || skipped.length > 0) return parsedFailure('unparsed', `listing the zones failed (exit ${exitCode}): ${stderr.trim() || skipped[0]?.text || 'no message'}`);
    return parsedOk([], [], [], 'the zone access listing');
  }
  const seen = new Set<string>();
  const zones: ZoneAccess[] = [];
  for (const block of blocks) {
    if (seen.has(block.zone)) {
      skipped.push(skippedInput(`zone ${block.zone}`, `${ZONE_MARKER}${block.zone}`, 'the zone is listed twice; its second listing is not read'));
      continue;
    }
    seen.add(block.zone);
    zones.push(zoneAccess(block, stderr));
  }
  return parsedOk(zones, [], skipped, 'the zone access listing');
}

function splitZones(stdout: string, skipped: SkippedInput[]): ZoneBlock[] {
  const blocks: ZoneBlock[] = [];
  let current: ZoneBlock | null = null;
  stdout.split('\n').forEach((line, index) => {
    const opened = markerWords(line, ZONE_MARKER);
    if (opened && opened.length === 3) {
      current = { zone: opened[0]!, brand: opened[1]!, state: opened[2]!, lines: [], ended: false };
      blocks.push(current);
      return;
    }
    const ended = markerWords(line, ZONE_END);
    if (ended && current && ended[0] === current.zone) {
      current.ended = true;
      current = null;
      return;
    }
    if (current && line.startsWith(CONTENT_PREFIX)) current.lines.push(line.slice(CONTENT_PREFIX.length));
    else if (line.trim() !== '') skipped.push(skippedInput(`line ${index + 1}`, line, current ? `inside zone ${(current as ZoneBlock).zone} but not from the zone` : 'outside any zone'));
  });
  return blocks;
}

function markerWords(line: string, marker: string): string[] | null {
  if (!line.startsWith(marker) || !line.endsWith(MARKER_END)) return null;
  return line.slice(marker.length, -MARKER_END.length).split(' ');
}

function zoneAccess(block: ZoneBlock, stderr: string): ZoneAccess {
  const base = { zone: block.zone, brand: block.brand, state: block.state };
  const unread = (why: string, outOfScope = false): ZoneAccess => ({ ...base, unread: why, outOfScope, accounts: null, passwords: null, keys: null });
  if (!/^[A-Za-z0-9]/.test(block.zone)) return unread('its name does not start as a zone name may: not passed to zlogin');
  if (block.state !== 'running') return unread(`${block.state}, not running: nobody can log in to it now, and zlogin cannot read it`, true);
  if (HARDWARE_VM_BRANDS.has(block.brand)) return unread(`a ${block.brand} hardware VM: its guest is a host of its own, scanned when the inventory lists it`, true);
  const sections = splitSections(block.lines);
  const zloginExit = block.lines.map((line) => markerWords(line, ZLOGIN_EXIT)).find((words) => words !== null)?.[0] ?? null;
  if (!block.ended || zloginExit === null) return unread(`the zone's listing ends early${block.ended ? '' : ' (the output was cut)'}`);
  if (sections.size === 0) return unread(`zlogin failed (exit ${zloginExit})${zoneMessage(stderr, block.zone)}`);
  const read = <T>(name: SectionName, parse: (stdout: string, stderr: string, exitCode: number | null) => Parsed<T>): SourceRead<T> => {
    const section = sections.get(name);
    if (!section) return { status: 'no-answer', value: null, message: `zone ${block.zone}: the ${name} section is missing (zlogin exit ${zloginExit})`, warnings: [] };
    if (section.exit === null) return { status: 'no-answer', value: null, message: `zone ${block.zone}: the ${name} section never ended`, warnings: [] };
    const parsed = parse(section.lines.join('\n'), '', section.exit);
    return parsed.message && parsed.status !== 'ok' ? { ...parsed, message: `zone ${block.zone}: ${parsed.message}` } : parsed;
  };
  return {
    ...base,
    unread: null,
    outOfScope: false,
    accounts: read('passwd', parseGetentPasswd),
    passwords: read('password-status', parsePasswordStatus),
    keys: read('authorized-keys', parseAuthorizedKeysListing),
  };
}

function splitSections(lines: string[]): Map<string, { lines: string[]; exit: number | null }> {
  const sections = new Map<string, { lines: string[]; exit: number | null }>();
  let current: { lines: string[]; exit: number | null } | null = null;
  for (const line of lines) {
    const opened = markerWords(line, SECTION);
    if (opened && opened.length === 1 && (SECTIONS as readonly string[]).includes(opened[0]!) && !sections.has(opened[0]!)) {
      current = { lines: [], exit: null };
      sections.set(opened[0]!, current);
      continue;
    }
    const ended = markerWords(line, SECTION_END);
    if (ended && ended.length === 2 && current && /^\d+$/.test(ended[1]!)) {
      current.exit = Number(ended[1]);
      current = null;
      continue;
    }
    current?.lines.push(line);
  }
  return sections;
}

/** The lines of the command's stderr that name the zone (zlogin says `zlogin: zone 'x': …`), else its first line (a message for every zone, such as missing privileges). */
function zoneMessage(stderr: string, zone: string): string {
  const lines = stderr.split('\n').filter((line) => line.includes(`'${zone}'`) || line.includes(` ${zone}:`));
  const message = lines.length ? lines.join(' ') : (stderr.split('\n').find((line) => line.trim() !== '') ?? '');
  return message.trim() ? `: ${message.trim().slice(0, 300)}` : '';
}

/** What one zone printed inside (each section's output and exit), or a zlogin that failed before the script ran. */
export type ZoneInside = { sections: Record<SectionName, { stdout: string; exit: number }> } | { zloginExit: number };

/** The zone walk's output for these zones, as the script prints it (the demo fleet and tests print it with this). */
export function zoneListingText(zones: Array<{ zone: string; brand: string; state: string; inside: ZoneInside | null }>): string {
  const lines: string[] = [];
  for (const { zone, brand, state, inside } of zones) {
    lines.push(`${ZONE_MARKER}${zone} ${brand} ${state}${MARKER_END}`);
    if (inside) {
      const own: string[] = [];
      if ('sections' in inside) {
        for (const name of SECTIONS) {
          const { stdout, exit } = inside.sections[name];
          own.push(`${SECTION}${name}${MARKER_END}`, ...(stdout === '' ? [] : stdout.replace(/\n$/, '').split('\n')), `${SECTION_END}${name} ${exit}${MARKER_END}`);
        }
      }
      own.push(`${ZLOGIN_EXIT}${'zloginExit' in inside ? inside.zloginExit : 0}${MARKER_END}`);
      lines.push(...own.map((line) => `${CONTENT_PREFIX}${line}`));
    }
    lines.push(`${ZONE_END}${zone}${MARKER_END}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
