// `sshd -T` (sshd's effective configuration, every keyword lower-cased, one
// per line, repeated keywords on several lines) → the settings the access
// checks read. Pure.
import { parsedFailure, parsedOk, skippedInput, unreadableOutput, type Parsed, type SkippedInput } from '../parse-result';

export interface SshdSettings {
  passwordAuthentication: string;
  kbdInteractiveAuthentication: string;
  permitRootLogin: string;
  /** `any`, or comma lists of methods separated by spaces (`publickey,keyboard-interactive`). */
  authenticationMethods: string;
  usePam: string;
  logLevel: string;
  authorizedKeysFile: string;
  authorizedKeysCommand: string;
  /** Every keyword with its values in order, as printed. */
  all: Record<string, string[]>;
}

const READ = {
  passwordAuthentication: 'passwordauthentication',
  kbdInteractiveAuthentication: 'kbdinteractiveauthentication',
  permitRootLogin: 'permitrootlogin',
  authenticationMethods: 'authenticationmethods',
  usePam: 'usepam',
  logLevel: 'loglevel',
  authorizedKeysFile: 'authorizedkeysfile',
  authorizedKeysCommand: 'authorizedkeyscommand',
} as const;

// OpenSSH < 8.7 printed challengeresponseauthentication instead of kbdinteractiveauthentication.
const ALIASES: Record<string, string> = { challengeresponseauthentication: 'kbdinteractiveauthentication' };

export function parseSshdT(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<SshdSettings> {
  const unreadable = unreadableOutput('sshd', 'sshd -T', stdout, stderr, exitCode);
  if (unreadable) return unreadable;
  const all: Record<string, string[]> = {};
  const skipped: SkippedInput[] = [];
  stdout.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const match = /^([a-z0-9]+) ?(.*)$/.exec(line.trim());
    if (!match) {
      skipped.push(skippedInput(`line ${index + 1}`, line, 'not "<keyword> <value>" in lower case'));
      return;
    }
    const keyword = ALIASES[match[1]!] ?? match[1]!;
    (all[keyword] ??= []).push(match[2]!);
  });
  const missing = Object.values(READ).filter((keyword) => all[keyword] === undefined && keyword !== 'authorizedkeyscommand' && keyword !== 'usepam');
  if (missing.length === Object.keys(READ).length - 2) return parsedFailure('unparsed', 'not sshd -T output: none of passwordauthentication, permitrootlogin, loglevel… is in it');
  const warnings = missing.length ? [`sshd -T did not print ${missing.join(', ')}`] : [];
  const value = (keyword: string) => (all[keyword] ?? []).join(' ');
  const settings = Object.fromEntries(Object.entries(READ).map(([field, keyword]) => [field, value(keyword)])) as Omit<SshdSettings, 'all'>;
  return parsedOk({ ...settings, all }, warnings, skipped, 'sshd -T');
}

/** VERBOSE (or a DEBUG level) is what logs the fingerprint of the key each login used. */
export function logsKeyFingerprints(logLevel: string): boolean {
  return /^(verbose|debug[123]?)$/i.test(logLevel.trim());
}

/** Every AuthenticationMethods list needs two methods (e.g. publickey,keyboard-interactive). */
export function requiresTwoFactors(authenticationMethods: string): boolean {
  const lists = authenticationMethods.trim().split(/\s+/).filter(Boolean);
  if (lists.length === 0 || lists.includes('any')) return false;
  return lists.every((list) => new Set(list.split(',').map((method) => method.split(':')[0])).size >= 2);
}

/** Password logins reach sshd's password check: PasswordAuthentication, or keyboard-interactive through PAM. */
export function allowsPasswordLogin(settings: Pick<SshdSettings, 'passwordAuthentication' | 'kbdInteractiveAuthentication' | 'usePam' | 'authenticationMethods'>): boolean {
  if (requiresTwoFactors(settings.authenticationMethods)) return false;
  return settings.passwordAuthentication === 'yes' || (settings.kbdInteractiveAuthentication === 'yes' && settings.usePam === 'yes');
}
