// The access area's facts for one host: each command's parse result (status,
// message, value), kept side by side so a finding can say which source it
// read and a page can show what could not be read.
import type { CommandOutput, TargetOs } from '../host-command';
import { readSource, type SourceRead } from '../output-reader';
import { ACCESS_COMMAND_IDS as ids } from './access-commands';
import { parseAuditctlRules, parseAuditctlStatus, type AuditRules, type AuditStatus } from './audit-rules';
import { parseAuthorizedKeysListing, type AuthorizedKey } from './authorized-keys';
import { parseGetentPasswd, parsePasswordStatus, type Account, type PasswordStatus } from './passwd-entries';
import { parseLast, type RecentLogin } from './recent-logins';
import { parseSshdT, type SshdSettings } from './sshd-config';
import { parseSyslogForwarding, type LogForwardTarget } from './syslog-forwarding';
import { parseZoneAccess, type ZoneAccess } from './zone-access';

export interface AccessFacts {
  os: TargetOs;
  accounts: SourceRead<Account[]>;
  passwords: SourceRead<PasswordStatus[]>;
  keys: SourceRead<AuthorizedKey[]>;
  sshd: SourceRead<SshdSettings>;
  /** Null on SmartOS (no Linux audit subsystem; its BSM audit is not read yet). */
  auditStatus: SourceRead<AuditStatus> | null;
  auditRules: SourceRead<AuditRules> | null;
  forwarding: SourceRead<LogForwardTarget[]>;
  recentLogins: SourceRead<RecentLogin[]>;
  /** SmartOS: who can log in inside each zone. Null on Debian (and absent from facts stored before zones were read). */
  zones?: SourceRead<ZoneAccess[]> | null;
}

export function accessFacts(os: TargetOs, outputs: CommandOutput[]): AccessFacts {
  return {
    os,
    accounts: readSource(outputs, ids.passwd, parseGetentPasswd),
    passwords: readSource(outputs, ids.passwordStatus, parsePasswordStatus),
    keys: readSource(outputs, ids.authorizedKeys, parseAuthorizedKeysListing),
    sshd: readSource(outputs, ids.sshdConfig, parseSshdT),
    auditStatus: os === 'debian' ? readSource(outputs, ids.auditStatus, parseAuditctlStatus) : null,
    auditRules: os === 'debian' ? readSource(outputs, ids.auditRules, parseAuditctlRules) : null,
    forwarding: readSource(outputs, ids.syslogConfig, parseSyslogForwarding),
    recentLogins: readSource(outputs, ids.recentLogins, parseLast),
    zones: os === 'smartos' ? readSource(outputs, ids.zones, parseZoneAccess) : null,
  };
}
