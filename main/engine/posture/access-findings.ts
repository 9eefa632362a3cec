// Access findings for one host from its access facts and the inventory's
// staff list: keys and accounts that should not be there (§7), and logins
// that are not logged, audited or forwarded as §8 promises. Pure.
import { ACCESS_COMMAND_IDS as ids } from '../collectors/access/access-commands';
import type { AccessFacts } from '../collectors/access/access-facts';
import type { AuthorizedKey } from '../collectors/access/authorized-keys';
import type { Account, PasswordStatus } from '../collectors/access/passwd-entries';
import { allowsPasswordLogin, logsKeyFingerprints, requiresTwoFactors } from '../collectors/access/sshd-config';
import type { SourceRead } from '../collectors/output-reader';
import { wasRead } from '../collectors/parse-result';
import type { StaffMember } from '../inventory/access-policy-schema';
import { ACCESS_FINDING_KINDS as kinds, accessFinding, type AccessFindingInput } from './access-finding-kinds';
import { plural } from './area-finding';
import type { Finding } from './finding';
import type { AccessPolicy, HostContext } from './host-context';

type Base = Pick<AccessFindingInput, 'host' | 'dc'>;

/**
 * Where a set of logins was read: the host itself, or one of its SmartOS
 * zones. A zone's findings say the zone, and their qualifiers start with it,
 * so the same account in two zones is two findings.
 */
interface LoginSources {
  zone: string | null;
  accounts: SourceRead<Account[]>;
  passwords: SourceRead<PasswordStatus[]>;
  keys: SourceRead<AuthorizedKey[]>;
  commandIds: { passwd: string; passwordStatus: string; authorizedKeys: string };
}

const HOST_COMMAND_IDS = { passwd: ids.passwd, passwordStatus: ids.passwordStatus, authorizedKeys: ids.authorizedKeys };
const ZONE_COMMAND_IDS = { passwd: ids.zones, passwordStatus: ids.zones, authorizedKeys: ids.zones };

/** The host's own logins, then each zone's that was read. */
function loginSources(facts: AccessFacts): LoginSources[] {
  const zones = facts.zones && wasRead(facts.zones.status) ? (facts.zones.value ?? []) : [];
  return [
    { zone: null, accounts: facts.accounts, passwords: facts.passwords, keys: facts.keys, commandIds: HOST_COMMAND_IDS },
    ...zones.flatMap((zone) =>
      zone.accounts && zone.passwords && zone.keys ? [{ zone: zone.zone, accounts: zone.accounts, passwords: zone.passwords, keys: zone.keys, commandIds: ZONE_COMMAND_IDS }] : [],
    ),
  ];
}

export function accessFindings(facts: AccessFacts, context: HostContext): Finding[] {
  const base: Base = { host: context.host, dc: context.dc };
  const policy = context.policy.access;
  const logins = loginSources(facts);
  return [
    ...(policy && policy.staff.length > 0 ? logins.flatMap((sources) => [...keyFindings(sources, policy, base), ...accountFindings(sources, policy, base)]) : []),
    ...logins.flatMap((sources) => passwordFindings(sources, base)),
    ...sshdFindings(facts, policy, base),
    ...auditFindings(facts, base),
    ...forwardingFindings(facts, policy, base),
    ...uncheckedFindings(facts, base),
  ];
}

/** `root /root/.ssh/authorized_keys:3 ssh-ed25519 SHA256:… command="…" comment` — options and comment verbatim; a zone's key starts with `zone <name>:`. */
export function keyLine(key: AuthorizedKey, zone: string | null = null): string {
  return [`${zone === null ? '' : `zone ${zone}: `}${key.account} ${key.file}:${key.line}`, key.type, key.fingerprint, key.options, key.comment].filter((part) => part !== '').join(' ');
}

/** `alice`, or `alice in zone webmail1-nj`. */
const inZone = (account: string, zone: string | null) => (zone === null ? account : `${account} in zone ${zone}`);
/** The finding qualifier of an account: `alice`, or `webmail1-nj/alice` in a zone. */
const zoneQualifier = (qualifier: string, zone: string | null) => (zone === null ? qualifier : `${zone}/${qualifier}`);

function staffByKey(staff: StaffMember[]): Map<string, StaffMember> {
  return new Map(staff.flatMap((member) => member.keys.map((key) => [key, member] as const)));
}

function keyFindings(sources: LoginSources, policy: AccessPolicy, base: Base): Finding[] {
  if (!wasRead(sources.keys.status)) return [];
  const owners = staffByKey(policy.staff);
  const findings: Finding[] = [];
  const { zone } = sources;
  for (const key of sources.keys.value ?? []) {
    const owner = owners.get(key.fingerprint);
    const common = { ...base, commandIds: [sources.commandIds.authorizedKeys], excerpt: [keyLine(key, zone)], qualifier: zoneQualifier(`${key.account}:${key.fingerprint}`, zone) };
    if (!owner) {
      findings.push(
        accessFinding({
          ...common,
          kind: kinds.unknownKey,
          severity: 'high',
          title: `Unknown SSH key can log in as ${inZone(key.account, zone)}`,
          detail: `${key.type} key ${key.fingerprint} (${key.file} line ${key.line}) is on nobody's entry in the inventory's staff list: whoever holds it can log in, and the annex says only staff can.`,
        }),
      );
    } else if (owner.left !== null) {
      findings.push(
        accessFinding({
          ...common,
          kind: kinds.formerStaffKey,
          severity: 'critical',
          title: `Key of former staff member ${owner.name} can still log in as ${inZone(key.account, zone)}`,
          detail: `${owner.name} left on ${owner.left}, but their key ${key.fingerprint} is still in ${key.file} (line ${key.line}${zone === null ? '' : `, inside zone ${zone}`}); remove it.`,
        }),
      );
    } else if (!policy.allowed.includes(owner.name)) {
      findings.push(
        accessFinding({
          ...common,
          kind: kinds.staffNotAllowedHere,
          severity: 'medium',
          title: `${owner.name} can log in as ${inZone(key.account, zone)}, but the host's roles do not allow them`,
          detail: `Key ${key.fingerprint} belongs to ${owner.name}, who is not among the staff the inventory allows on this host (${policy.allowed.join(', ') || 'nobody'}).`,
        }),
      );
    }
  }
  return findings;
}

function accountFindings(sources: LoginSources, policy: AccessPolicy, base: Base): Finding[] {
  const findings: Finding[] = [];
  const owners = staffByKey(policy.staff);
  const { zone, commandIds } = sources;
  const keys = wasRead(sources.keys.status) ? (sources.keys.value ?? []) : [];
  const byAccount = new Map<string, AuthorizedKey[]>();
  for (const key of keys) byAccount.set(key.account, [...(byAccount.get(key.account) ?? []), key]);
  for (const [account, accountKeys] of byAccount) {
    const people = [...new Set(accountKeys.map((key) => owners.get(key.fingerprint)?.name ?? `unknown key ${key.fingerprint}`))];
    if (people.length < 2) continue;
    findings.push(
      accessFinding({
        ...base,
        kind: kinds.sharedAccount,
        qualifier: zoneQualifier(account, zone),
        severity: 'medium',
        title: `${inZone(account, zone)} is shared by ${plural(people.length, 'key holder')}`,
        detail: `${people.join(', ')} all log in as ${inZone(account, zone)}: the logs cannot tell which of them did what. Give each person their own account and let sudo record who ran what.`,
        commandIds: [commandIds.authorizedKeys],
        excerpt: accountKeys.map((key) => keyLine(key, zone)),
      }),
    );
  }
  if (!wasRead(sources.accounts.status)) return findings;
  const staffAccounts = new Set(policy.staff.flatMap((member) => member.accounts));
  const usablePassword = new Set((sources.passwords.value ?? []).filter((status) => status.state === 'usable').map((status) => status.account));
  for (const account of sources.accounts.value ?? []) {
    if (account.name === 'root' || staffAccounts.has(account.name) || !account.loginShell) continue;
    const hasKeys = byAccount.has(account.name);
    if (!hasKeys && !usablePassword.has(account.name)) continue;
    findings.push(
      accessFinding({
        ...base,
        kind: kinds.unknownAccount,
        qualifier: zoneQualifier(account.name, zone),
        severity: 'high',
        title: `Account ${inZone(account.name, zone)} can log in and belongs to no staff member`,
        detail: `${account.name} has the login shell ${account.shell} and ${hasKeys ? 'SSH keys' : 'a usable password'}, but no one on the staff list uses it; remote-hands staff and everyone else must have no login.`,
        commandIds: [...new Set([commandIds.passwd, hasKeys ? commandIds.authorizedKeys : commandIds.passwordStatus])],
        excerpt: [`${zone === null ? '' : `zone ${zone}: `}${account.name}:x:${account.uid}:${account.gid}:${account.gecos}:${account.home}:${account.shell}`],
      }),
    );
  }
  return findings;
}

function passwordFindings(sources: LoginSources, base: Base): Finding[] {
  if (!wasRead(sources.passwords.status) || !wasRead(sources.accounts.status)) return [];
  const { zone, commandIds } = sources;
  const loginShell = new Set((sources.accounts.value ?? []).filter((account) => account.loginShell).map((account) => account.name));
  const empty = (sources.passwords.value ?? []).filter((status) => status.state === 'none' && loginShell.has(status.account));
  if (empty.length === 0) return [];
  return [
    accessFinding({
      ...base,
      kind: kinds.emptyPassword,
      ...(zone === null ? {} : { qualifier: zone }),
      severity: 'critical',
      title: `${plural(empty.length, 'account')} with a login shell and an empty password${zone === null ? '' : ` in zone ${zone}`}`,
      detail: `${empty.map((status) => status.account).join(', ')}: anyone who reaches a login prompt needs no password at all.`,
      commandIds: [...new Set([commandIds.passwordStatus, commandIds.passwd])],
      excerpt: empty.map((status) => `${zone === null ? '' : `zone ${zone}: `}${status.account} ${status.code}`),
    }),
  ];
}

function sshdFindings(facts: AccessFacts, policy: AccessPolicy | undefined, base: Base): Finding[] {
  const sshd = facts.sshd;
  if (!wasRead(sshd.status) || !sshd.value) return [];
  const settings = sshd.value;
  const common = { ...base, commandIds: [ids.sshdConfig] };
  const findings: Finding[] = [];
  if (allowsPasswordLogin(settings)) {
    findings.push(
      accessFinding({
        ...common,
        kind: kinds.passwordLogin,
        severity: 'high',
        title: 'sshd accepts password logins',
        detail: 'Anyone who learns or guesses a password can log in: only staff keys (and a second factor where the policy asks) should open a session.',
        excerpt: [
          `passwordauthentication ${settings.passwordAuthentication}`,
          `kbdinteractiveauthentication ${settings.kbdInteractiveAuthentication}`,
          `usepam ${settings.usePam}`,
          `authenticationmethods ${settings.authenticationMethods}`,
        ],
      }),
    );
  }
  if (settings.permitRootLogin === 'yes') {
    findings.push(
      accessFinding({
        ...common,
        kind: kinds.rootPasswordLogin,
        severity: 'high',
        title: 'root may log in with a password (PermitRootLogin yes)',
        detail: 'root logins cannot be attributed to a person and, with yes, are not limited to keys; use prohibit-password or no.',
        excerpt: [`permitrootlogin ${settings.permitRootLogin}`],
      }),
    );
  }
  if (policy?.require2fa && !requiresTwoFactors(settings.authenticationMethods)) {
    findings.push(
      accessFinding({
        ...common,
        kind: kinds.noSecondFactor,
        severity: 'medium',
        title: 'sshd does not require a second factor',
        detail: 'The host\'s role asks for two factors, but AuthenticationMethods lets one method alone log in (e.g. set "publickey,keyboard-interactive").',
        excerpt: [`authenticationmethods ${settings.authenticationMethods}`],
      }),
    );
  }
  if (!logsKeyFingerprints(settings.logLevel)) {
    findings.push(
      accessFinding({
        ...common,
        kind: kinds.loginKeyNotLogged,
        severity: 'medium',
        title: `sshd LogLevel ${settings.logLevel || '(not printed)'}: logins are logged without the key used`,
        detail: 'Below VERBOSE sshd does not log the fingerprint of the key a login used, so a shared or leaked key cannot be traced to a person; set LogLevel VERBOSE.',
        excerpt: [`loglevel ${settings.logLevel}`],
      }),
    );
  }
  const defaultFiles = '.ssh/authorized_keys .ssh/authorized_keys2';
  const elsewhere = [
    ...(settings.authorizedKeysFile !== '' && settings.authorizedKeysFile !== defaultFiles && settings.authorizedKeysFile !== '.ssh/authorized_keys'
      ? [`authorizedkeysfile ${settings.authorizedKeysFile}`]
      : []),
    ...(settings.authorizedKeysCommand !== '' && settings.authorizedKeysCommand !== 'none' ? [`authorizedkeyscommand ${settings.authorizedKeysCommand}`] : []),
  ];
  if (elsewhere.length > 0) {
    findings.push(
      accessFinding({
        ...common,
        kind: kinds.keysElsewhere,
        severity: 'medium',
        title: 'sshd reads keys from places OpsDeck does not list',
        detail: 'OpsDeck lists ~/.ssh/authorized_keys and authorized_keys2 of every account; keys that sshd accepts from elsewhere are not in the key list, so who can log in is not fully checked.',
        excerpt: elsewhere,
      }),
    );
  }
  return findings;
}

function auditFindings(facts: AccessFacts, base: Base): Finding[] {
  const status = facts.auditStatus;
  const rules = facts.auditRules;
  if (status === null || rules === null) return [];
  const problem = auditProblem(status, rules);
  if (!problem) return [];
  return [
    accessFinding({
      ...base,
      kind: kinds.privilegedCommandsNotAudited,
      severity: 'medium',
      title: problem.title,
      detail:
        'The annex promises that administrator access is strictly logged and audited: auditd should run with rules recording every command run as root (e.g. -a always,exit -F arch=b64 -S execve -F euid=0 -k privileged).',
      commandIds: [ids.auditStatus, ids.auditRules],
      excerpt: problem.excerpt,
    }),
  ];
}

function auditProblem(status: SourceRead<{ enabled: boolean; pid: number }>, rules: AccessFacts['auditRules'] & object): { title: string; excerpt: string[] } | null {
  if (status.status === 'tool-missing') return { title: 'auditd is not installed: privileged commands are not audited', excerpt: [status.message ?? ''] };
  if (status.status === 'ok' && status.value && (!status.value.enabled || status.value.pid === 0)) {
    return { title: 'The audit daemon is not running: privileged commands are not audited', excerpt: [`enabled ${status.value.enabled ? 1 : 0}`, `pid ${status.value.pid}`] };
  }
  if (rules.status === 'ok' && rules.value && rules.value.privilegedCommandRules.length === 0) {
    return { title: 'No audit rule records privileged commands', excerpt: rules.value.rules.length ? rules.value.rules : ['No rules'] };
  }
  return null;
}

function forwardingFindings(facts: AccessFacts, policy: AccessPolicy | undefined, base: Base): Finding[] {
  const logHosts = policy?.logHosts;
  if (!logHosts || !wasRead(facts.forwarding.status)) return [];
  const targets = facts.forwarding.value ?? [];
  const wanted = new Set(logHosts.map((host) => host.toLowerCase()));
  if (targets.some((target) => wanted.has(target.host.toLowerCase()))) return [];
  return [
    accessFinding({
      ...base,
      kind: kinds.logsNotForwarded,
      severity: 'medium',
      title: `Logs are not forwarded to the site's log hosts (${logHosts.join(', ')})`,
      detail: targets.length
        ? `The host forwards to ${targets.map((target) => target.host).join(', ')} only: logins logged here can be erased here.`
        : 'No rsyslog, syslogd or journal-upload forwarding is configured: logins are logged only on the host itself, where an intruder can erase them.',
      commandIds: [ids.syslogConfig],
      excerpt: targets.map((target) => `${target.file}:${target.line} ${target.via} ${target.host}`),
    }),
  ];
}

function uncheckedFindings(facts: AccessFacts, base: Base): Finding[] {
  const sources: Array<[string, string, SourceRead<unknown> | null | undefined]> = [
    [ids.passwd, 'accounts', facts.accounts],
    [ids.passwordStatus, 'password status', facts.passwords],
    [ids.authorizedKeys, 'authorized keys', facts.keys],
    [ids.sshdConfig, 'sshd configuration', facts.sshd],
    [ids.auditRules, 'audit rules', facts.auditStatus?.status === 'tool-missing' ? null : facts.auditRules],
    [ids.syslogConfig, 'log forwarding', facts.forwarding],
    [ids.zones, 'zones', facts.zones],
    ...zoneSources(facts),
  ];
  const unread = sources.filter(([, , parsed]) => parsed && !wasRead(parsed.status)) as Array<[string, string, SourceRead<unknown>]>;
  if (unread.length === 0) return [];
  return [
    accessFinding({
      ...base,
      kind: kinds.accessUnchecked,
      severity: 'low',
      title: `Access not fully checked: ${unread.map(([, what]) => what).join(', ')} could not be read`,
      detail: 'What these sources would show is not checked on this host; the excerpt says why for each.',
      commandIds: [...new Set(unread.map(([id]) => id))],
      excerpt: unread.map(([, what, parsed]) => `${what}: ${parsed.status} — ${parsed.message ?? ''}`),
    }),
  ];
}

/** Each zone that should have been read and was not, and each of its sources that could not be read. */
function zoneSources(facts: AccessFacts): Array<[string, string, SourceRead<unknown>]> {
  if (!facts.zones || !wasRead(facts.zones.status)) return [];
  return (facts.zones.value ?? []).flatMap((zone): Array<[string, string, SourceRead<unknown>]> => {
    if (zone.unread !== null) return zone.outOfScope ? [] : [[ids.zones, `zone ${zone.zone}`, { status: 'no-answer', value: null, message: zone.unread, warnings: [] }]];
    const parts: Array<[string, SourceRead<unknown> | null]> = [
      ['accounts', zone.accounts],
      ['password status', zone.passwords],
      ['authorized keys', zone.keys],
    ];
    return parts.flatMap(([what, parsed]): Array<[string, string, SourceRead<unknown>]> => (parsed ? [[ids.zones, `zone ${zone.zone} ${what}`, parsed]] : []));
  });
}
