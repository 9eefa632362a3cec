// `getent passwd` → accounts, and `passwd -S -a` (Debian) / `passwd -s -a`
// (SmartOS) → whether each account has a usable password. Pure; GECOS and
// every other field are kept as the host printed them (data, never markup).
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed, type SkippedInput } from '../parse-result';

export interface Account {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
  /** The shell lets a person in: not nologin, false, sync, halt, shutdown or empty. */
  loginShell: boolean;
}

const NO_LOGIN_SHELLS = /(^$|\/(nologin|false|sync|halt|shutdown)$)/;

export function hasLoginShell(shell: string): boolean {
  return !NO_LOGIN_SHELLS.test(shell.trim());
}

export function parseGetentPasswd(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<Account[]> {
  const refused = refuseInput(stdout, 'getent passwd');
  if (refused) return refused;
  const failure = commonFailure('getent', exitCode, stderr);
  if (failure) return failure;
  if (exitCode !== 0) return parsedFailure('unparsed', `getent passwd failed (exit ${exitCode}): ${stderr.trim() || 'no message'}`);
  const accounts: Account[] = [];
  const skipped: SkippedInput[] = [];
  stdout.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const fields = line.split(':');
    const [name, , uid, gid, gecos, home, shell] = fields;
    if (fields.length !== 7 || !name || !/^\d+$/.test(uid ?? '') || !/^\d+$/.test(gid ?? '')) {
      skipped.push(skippedInput(`line ${index + 1}`, line, 'not name:password:uid:gid:gecos:home:shell'));
      return;
    }
    accounts.push({ name, uid: Number(uid), gid: Number(gid), gecos: gecos!, home: home!, shell: shell!, loginShell: hasLoginShell(shell!) });
  });
  if (accounts.length === 0)
    return parsedFailure('unparsed', skipped.length ? `not getent passwd output: no line is name:password:uid:gid:gecos:home:shell` : 'getent passwd printed no account at all');
  return parsedOk(accounts, [], skipped, 'getent passwd');
}

/** usable: a password one can log in with; locked: `!`/`*`/LK; none: empty (NP) — a login with no password at all. */
export type PasswordState = 'usable' | 'locked' | 'none';

export interface PasswordStatus {
  account: string;
  state: PasswordState;
  /** The status word as printed: P, L, NP (Debian), PS, LK, NL, NP, UP (SmartOS). */
  code: string;
  /** Date of the last change as printed, when there is one. */
  changed: string | null;
}

// shadow-utils passwd(1): P usable, L locked, NP none. illumos passwd(1): PS usable, LK locked, NL no-login, NP none, UP not yet activated.
const STATES: Record<string, PasswordState> = { P: 'usable', PS: 'usable', L: 'locked', LK: 'locked', NL: 'locked', UP: 'locked', NP: 'none' };

export function parsePasswordStatus(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<PasswordStatus[]> {
  const refused = refuseInput(stdout, 'passwd -S');
  if (refused) return refused;
  const failure = commonFailure('passwd', exitCode, stderr);
  if (failure) return failure;
  if (exitCode !== 0 && stdout.trim() === '') return parsedFailure('unparsed', `passwd -S failed (exit ${exitCode}): ${stderr.trim() || 'no message'}`);
  const statuses: PasswordStatus[] = [];
  const skipped: SkippedInput[] = [];
  stdout.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const [account, code, changed] = line.trim().split(/\s+/);
    const state = code === undefined ? undefined : STATES[code];
    if (!account || !state) {
      skipped.push(skippedInput(`line ${index + 1}`, line, 'not "<account> <P|L|NP|PS|LK|NL|UP> …"'));
      return;
    }
    statuses.push({ account, state, code: code!, changed: changed && /^\d/.test(changed) ? changed : null });
  });
  if (statuses.length === 0) return parsedFailure('unparsed', skipped.length ? 'not passwd -S output: no line is "<account> <status> …"' : 'passwd -S printed no account at all');
  return parsedOk(statuses, [], skipped, 'passwd -S');
}
