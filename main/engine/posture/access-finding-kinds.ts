// The kinds of access finding (who can log in: annex §7; whether access is
// logged and administrator access audited: §8), each with its control, and
// how one is built. Ids are `access.<kind>:<host>[:<qualifier>]`.
import { areaFinding, type AreaFindingInput } from './area-finding';
import type { ControlId, Finding } from './finding';

export const ACCESS_FINDING_KINDS = {
  /** A key still installed that belongs to someone who left. */
  formerStaffKey: 'former-staff-key',
  /** A key whose fingerprint is on nobody's entry in the staff list. */
  unknownKey: 'unknown-key',
  /** A listed person's key on a host whose roles do not allow them. */
  staffNotAllowedHere: 'staff-not-allowed-here',
  /** An account several people log in to with their own keys: who did what cannot be told apart. */
  sharedAccount: 'shared-account',
  /** An account with a login shell and a usable password or a key, that no staff member uses. */
  unknownAccount: 'unknown-account',
  /** An account with an empty password. */
  emptyPassword: 'empty-password',
  /** sshd accepts passwords (PasswordAuthentication, or keyboard-interactive through PAM). */
  passwordLogin: 'password-login',
  /** PermitRootLogin yes: root may log in with a password. */
  rootPasswordLogin: 'root-password-login',
  /** The role asks for two factors and AuthenticationMethods does not require them. */
  noSecondFactor: 'no-second-factor',
  /** sshd's LogLevel below VERBOSE: logins are logged without the key that was used. */
  loginKeyNotLogged: 'login-key-not-logged',
  /** No audit daemon, or no rule recording privileged commands. */
  privilegedCommandsNotAudited: 'privileged-commands-not-audited',
  /** Logs are not forwarded to the site's log hosts. */
  logsNotForwarded: 'logs-not-forwarded',
  /** sshd reads keys from somewhere OpsDeck does not list (AuthorizedKeysFile/AuthorizedKeysCommand). */
  keysElsewhere: 'keys-read-elsewhere',
  /** A source could not be read: what it would show is not checked. */
  accessUnchecked: 'access-unchecked',
} as const;

export type AccessFindingKind = (typeof ACCESS_FINDING_KINDS)[keyof typeof ACCESS_FINDING_KINDS];

const k = ACCESS_FINDING_KINDS;

/** The annex control of each kind: logins that should not exist are §7, logging and auditing is §8. */
export const ACCESS_FINDING_CONTROLS: Record<AccessFindingKind, ControlId> = {
  [k.formerStaffKey]: 'physicalDataCentreSecurity',
  [k.unknownKey]: 'physicalDataCentreSecurity',
  [k.staffNotAllowedHere]: 'physicalDataCentreSecurity',
  [k.unknownAccount]: 'physicalDataCentreSecurity',
  [k.emptyPassword]: 'physicalDataCentreSecurity',
  [k.passwordLogin]: 'physicalDataCentreSecurity',
  [k.rootPasswordLogin]: 'physicalDataCentreSecurity',
  [k.noSecondFactor]: 'staffAccessLogging',
  [k.sharedAccount]: 'staffAccessLogging',
  [k.loginKeyNotLogged]: 'staffAccessLogging',
  [k.privilegedCommandsNotAudited]: 'staffAccessLogging',
  [k.logsNotForwarded]: 'staffAccessLogging',
  [k.keysElsewhere]: 'staffAccessLogging',
  [k.accessUnchecked]: 'staffAccessLogging',
};

export interface AccessFindingInput extends Omit<AreaFindingInput, 'area' | 'kind' | 'control'> {
  kind: AccessFindingKind;
}

export function accessFinding(input: AccessFindingInput): Finding {
  return areaFinding({ ...input, area: 'access', control: ACCESS_FINDING_CONTROLS[input.kind] });
}
