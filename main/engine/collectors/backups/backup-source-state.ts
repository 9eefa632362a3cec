// Why a backup tool could not answer, told apart from its own words: each
// state needs a different action from the operator, and none of them is ever
// answered by prompting (stdin is /dev/null; see backup-commands.ts).
import { firstLine } from '../parse-result';
import { needsPrivilege } from '../host-command';

export type BackupSourceState =
  | 'ok'
  | 'tool-missing'
  | 'needs-privilege'
  /** The environment file named in the inventory is not readable on the host. */
  | 'no-environment'
  /** The host has no password for the repository (no RESTIC_PASSWORD_FILE / BORG_PASSCOMMAND, or it is gone). */
  | 'no-password'
  | 'wrong-password'
  | 'locked'
  /** The repository is not there or cannot be reached. */
  | 'unreachable'
  /** The tool answered, but not in the format expected. */
  | 'unparsed'
  /** Any other failure; the raw message says what. */
  | 'failed';

export interface SourceFailure {
  state: Exclude<BackupSourceState, 'ok'>;
  message: string;
}

/** Exit status of the wrapper when the environment file cannot be read. */
export const NO_ENVIRONMENT_EXIT = 125;

const RULES: { state: SourceFailure['state']; pattern: RegExp }[] = [
  { state: 'no-environment', pattern: /^opsdeck: cannot read the backup environment file/m },
  // Before no-password: borg's wrong-passphrase message names BORG_PASSCOMMAND too.
  { state: 'wrong-password', pattern: /(wrong password or no key found|passphrase supplied in .* is incorrect)/i },
  // restic: "Resolving password failed", "an empty password is not a password", "reading from stdin failed" (restic <0.17 on a closed stdin);
  // borg: "can not acquire a passphrase".
  {
    state: 'no-password',
    pattern:
      /(Resolving password failed|empty password is not|can not acquire a passphrase|Interactive password query failed|password file .* (not found|no such file)|reading (the )?password|Please specify repository password|passcommand)/i,
  },
  { state: 'locked', pattern: /(unable to create lock|repository is already locked|Failed to create\/acquire the lock|LockTimeout|failed to lock)/i },
  {
    state: 'unreachable',
    pattern:
      /(repository does not exist|unable to open config file|Is there a repository at|Repository .* does not exist|is not a valid repository|Connection closed by remote host|Connection refused|Could not resolve hostname|No route to host|Remote: |subprocess ssh .* exited|unable to open repository)/i,
  },
];

/** Decides the state of a failed tool run from its exit status and output; null when the run succeeded. */
export function sourceFailure(tool: string, stdout: string, stderr: string, exitCode: number | null, error: string | null): SourceFailure | null {
  if (error !== null) return { state: 'failed', message: `${tool}: ${error}` };
  if (exitCode === 0) return null;
  const text = `${stderr}\n${stdout}`;
  const raw = rawMessage(stderr, stdout) || `exit ${exitCode ?? 'unknown'}`;
  if (exitCode === NO_ENVIRONMENT_EXIT && /^opsdeck: /m.test(stderr)) return { state: 'no-environment', message: raw };
  if (exitCode === 127 || /(command not found|: not found$|exec: \S+: not found)/m.test(stderr)) {
    return { state: 'tool-missing', message: `${tool} is not installed on this host (${raw})` };
  }
  if (needsPrivilege({ stderr, exitCode })) return { state: 'needs-privilege', message: raw };
  for (const rule of RULES) if (rule.pattern.test(text)) return { state: rule.state, message: raw };
  return { state: 'failed', message: raw };
}

/** The tool's own words: restic ≥0.17 wraps them in one JSON object on stderr with --json. */
function rawMessage(stderr: string, stdout: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim().length > 0 && !/GetPassWarning|Password input may be echoed/.test(line));
  const texts = lines.map((line) => {
    if (!line.startsWith('{')) return line.trim();
    try {
      const parsed = JSON.parse(line) as { message?: unknown };
      return typeof parsed.message === 'string' ? parsed.message.replace(/\n/g, ' ') : line.trim();
    } catch {
      return line.trim();
    }
  });
  return (texts.join(' ').slice(0, 500) || firstLine(stdout)).trim();
}
