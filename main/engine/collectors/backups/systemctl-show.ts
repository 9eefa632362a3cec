// `systemctl show --timestamp=unix -p Id,LoadState,ActiveState,Result,ExecMainStatus,ExecMainExitTimestamp UNIT…`:
// one block of KEY=value lines per unit, blocks separated by a blank line,
// in the order the units were named. --timestamp=unix (systemd 251+, Debian
// 12 has 252) prints `@1764300012`; the default `Thu 2026-11-28 03:00:12 UTC`
// form is read too when its zone is UTC. An empty timestamp = never ran.
import type { BackupParse } from './backup-snapshot';
import { unparsed } from './backup-snapshot';
import { printable } from './backup-text';

export interface UnitState {
  unit: string;
  loaded: boolean;
  activeState: string;
  /** `success`, `exit-code`, `signal`, `timeout`… */
  result: string;
  exitStatus: number | null;
  /** ISO UTC of the main process's last exit; null = never ran since boot (or unknown). */
  lastExit: string | null;
}

export const UNIT_PROPERTIES = 'Id,LoadState,ActiveState,Result,ExecMainStatus,ExecMainExitTimestamp';

export function parseSystemctlShow(stdout: string, expectedUnits: string[]): BackupParse<UnitState[]> {
  const blocks = stdout
    .replace(/\r/g, '')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
  const units: UnitState[] = [];
  for (const [index, block] of blocks.entries()) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const equals = line.indexOf('=');
      if (equals <= 0) return unparsed(`systemctl show: block ${index + 1}: line ${JSON.stringify(printable(line.slice(0, 60)))} is not KEY=value`, units);
      fields.set(line.slice(0, equals), line.slice(equals + 1));
    }
    const id = fields.get('Id');
    if (id === undefined || !fields.has('Result')) return unparsed(`systemctl show: block ${index + 1} has no Id or Result`, units);
    const status = fields.get('ExecMainStatus');
    const lastExit = fields.get('ExecMainExitTimestamp') ?? '';
    const parsedExit = systemdTimestamp(lastExit);
    if (parsedExit === undefined) return unparsed(`systemctl show: ${printable(id)}: timestamp ${JSON.stringify(printable(lastExit))} not understood`, units);
    units.push({
      unit: printable(id),
      loaded: fields.get('LoadState') !== 'not-found',
      activeState: printable(fields.get('ActiveState') ?? ''),
      result: printable(fields.get('Result') ?? ''),
      exitStatus: status !== undefined && /^-?\d+$/.test(status) ? Number(status) : null,
      lastExit: parsedExit,
    });
  }
  if (units.length !== expectedUnits.length) {
    return unparsed(`systemctl show: ${units.length} unit blocks for ${expectedUnits.length} units asked (${expectedUnits.join(', ')})`, units);
  }
  return { state: 'ok', value: units, message: null };
}

/** null = empty (never), undefined = not understood. */
function systemdTimestamp(text: string): string | null | undefined {
  const value = text.trim();
  if (value === '' || value === 'n/a' || value === '0') return null;
  const unix = /^@(\d+)$/.exec(value);
  if (unix) return new Date(Number(unix[1]) * 1000).toISOString();
  const utc = /^[A-Z][a-z]{2} (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(value);
  if (utc) return new Date(`${utc[1]}T${utc[2]}Z`).toISOString();
  return undefined;
}
