// The real problems planted in the demo fleet, so that a first scan shows
// OpsDeck finding something. Every entry names the host, the area and what
// a correct scan must report; tests assert each one is visible in the raw
// outputs. They sit on the first hosts of each site, so every fleet size
// (demoFleetSpec({ hosts }) with hosts >= 14) carries all of them.
export type PlantedProblemId =
  | 'db-port-open-to-any'
  | 'unencrypted-log-volume'
  | 'pending-security-updates'
  | 'reboot-required'
  | 'stale-backup'
  | 'stale-restore-test'
  | 'backup-repository-on-site'
  | 'unencrypted-backup'
  | 'never-restore-tested'
  | 'silent-corruption'
  | 'replication-lag'
  | 'old-platform-image'
  | 'site-firewall-drift'
  | 'stale-apt-index'
  | 'sudo-needs-password'
  | 'former-staff-key'
  | 'unknown-key-in-zone'
  | 'password-login'
  | 'sshd-loglevel-info'
  | 'certificate-expiring'
  | 'old-tls-protocol'
  | 'log-retention-too-long';

export type PlantedArea = 'firewall' | 'encryption' | 'patches' | 'backups' | 'access' | 'transport' | 'retention';

export interface PlantedProblem {
  host: string;
  area: PlantedArea;
  id: PlantedProblemId;
  /** What OpsDeck should find, in operator words, with the evidence that shows it. */
  finding: string;
}

export const PLANTED_PROBLEMS: readonly PlantedProblem[] = [
  {
    host: 'db1.nj',
    area: 'firewall',
    id: 'db-port-open-to-any',
    finding:
      'PostgreSQL tcp/5432 accepted from ANY address: nft rule `tcp dport 5432 accept` without a saddr match ' +
      '(db baseline: 5432 only from the application networks); postgres listens on 0.0.0.0:5432 in ss.',
  },
  {
    host: 'mx1.nj',
    area: 'encryption',
    id: 'unencrypted-log-volume',
    finding: '/var/log is mounted from /dev/sdb1 (ext4, no crypt parent in lsblk, not in /etc/crypttab); every other ' + 'filesystem sits on LUKS2.',
  },
  {
    host: 'imap1.nj',
    area: 'patches',
    id: 'pending-security-updates',
    finding:
      'Debian 12: security updates pending from `Debian-Security:12/oldstable-security` (openssl/libssl3, ' +
      'openssh, libgnutls30 and a new kernel image); unattended-upgrades has logged `Lock could not be acquired` ' +
      'for the last 6 days.',
  },
  {
    host: 'web1.nj',
    area: 'patches',
    id: 'reboot-required',
    finding:
      'Debian 13 running kernel 6.12.115+deb13-amd64 while 6.12.118+deb13-amd64 is installed: needrestart ' +
      'KSTA 3, /var/run/reboot-required present, reboot-required.pkgs names the kernel package.',
  },
  {
    host: 'web1.sea',
    area: 'patches',
    id: 'pending-security-updates',
    finding: 'Debian 13: security updates pending from `Debian-Security:13/stable-security` (openssl, nginx, libxml2).',
  },
  {
    host: 'web1.sea',
    area: 'patches',
    id: 'stale-apt-index',
    finding: 'apt lists not refreshed for 5 days: the newest /var/lib/apt/lists/*_InRelease mtime is 5 days old ' + '(the unattended-upgrades log stops 8 days ago: the apt timers are not running).',
  },
  {
    host: 'db1.sea',
    area: 'patches',
    id: 'pending-security-updates',
    finding: 'Debian 12: security updates pending from `Debian-Security:12/oldstable-security` (postgresql-15, ' + 'libpq5, openssl); unattended-upgrades is not installed (its log does not exist).',
  },
  {
    host: 'imap1.sea',
    area: 'firewall',
    id: 'site-firewall-drift',
    finding: 'Secondary differs from its primary counterpart: imap1.sea accepts plain IMAP tcp/143 from any address ' + '(`tcp dport { 143, 993 } accept`), imap1.nj accepts only 993.',
  },
  {
    host: 'mx1.sea',
    area: 'access',
    id: 'sudo-needs-password',
    finding: 'Every `sudo -n` command answers `sudo: a password is required` (exit 1): privileged checks need privilege.',
  },
  {
    host: 'imap1.nj',
    area: 'access',
    id: 'former-staff-key',
    finding:
      "Carol Former left on 2026-06-30 (the demo inventory's staff list says so), but her account and her Ed25519 key in " +
      '/home/carol/.ssh/authorized_keys are still there; the key comment holds markup, shown as text.',
  },
  {
    host: 'web1.sea',
    area: 'access',
    id: 'password-login',
    finding: 'sshd -T says `passwordauthentication yes`: password logins are allowed (every other host says no).',
  },
  {
    host: 'db1.nj',
    area: 'access',
    id: 'sshd-loglevel-info',
    finding: 'sshd -T says `loglevel INFO`: logins are logged without the fingerprint of the key used (every other host logs VERBOSE).',
  },
  {
    host: 'mx1.sea',
    area: 'transport',
    id: 'certificate-expiring',
    finding:
      "The secondary MX's certificate expires in 12 days (its renewal failed; mx1.nj's has 71 days left): " +
      '`openssl s_client` on the Seattle bastion shows NotAfter 12 days ahead on SMTP 25/587 (STARTTLS) and 465.',
  },
  {
    host: 'imap1.nj',
    area: 'transport',
    id: 'old-tls-protocol',
    finding: 'POP3S on imap1.nj (995) still completes TLS 1.0 and 1.1 handshakes (`s_client -tls1` and `-tls1_1` connect); every other service refuses both.',
  },
  {
    host: 'web1.nj',
    area: 'retention',
    id: 'log-retention-too-long',
    finding:
      "web1.nj's nginx logs are kept a year: /etc/logrotate.d/nginx says `daily` and `rotate 365` (every other rule keeps " +
      '26 weeks or 6 months), and the oldest access log under /var/log/nginx is a year old: past the 180 days of §15.',
  },
  {
    host: 'backup1.sea',
    area: 'backups',
    id: 'stale-backup',
    finding: 'Newest restic snapshot of the cross-site repository is 4 days old (RPO 24 h); newest borg archive of ' + 'its config repository is 4 days old too.',
  },
  {
    host: 'backup1.sea',
    area: 'backups',
    id: 'stale-restore-test',
    finding:
      'Newest restore test is 45 days old (policy 30 days): restore tests are recorded as restic snapshots ' +
      'tagged `restore-test` (the checksum manifest of the restored data, path /var/lib/restore-test).',
  },
  {
    host: 'imap1.sea',
    area: 'backups',
    id: 'backup-repository-on-site',
    finding:
      'The restic repository of imap1.sea is on backup1.sea, in its own site (every other host backs up to the ' + 'other site): a loss of the Seattle site takes the mail and its backup together.',
  },
  {
    host: 'db1.sea',
    area: 'backups',
    id: 'unencrypted-backup',
    finding: 'The borg repository of db1.sea was initialised with `--encryption none`: borg info --json says encryption.mode "none".',
  },
  {
    host: 'db1.nj',
    area: 'backups',
    id: 'never-restore-tested',
    finding: 'The borg repository of db1.nj has no restore-test archive at all: its backups have never been restore-tested.',
  },
  {
    host: 'imap1.nj',
    area: 'backups',
    id: 'silent-corruption',
    finding:
      'A live file under /srv/mail differs in content from the newest backup while its mtime and ctime are older than ' +
      'the snapshot: a silent corruption that no listing shows and only a restore test (sha256 of restored vs live) catches.',
  },
  {
    host: 'cn1.sea',
    area: 'backups',
    id: 'replication-lag',
    finding:
      'zfs-send replication of zones/data from cn1.sea to zones/replica/cn1.sea on cn1.nj stopped 3 days ago: ' +
      "the newest snapshot on the replica is about 72 hours older than the source's (RPO 24 h).",
  },
  {
    host: 'cn1.nj',
    area: 'access',
    id: 'unknown-key-in-zone',
    finding:
      "Inside the first zone of cn1.nj (its webmail zone, read through zlogin, not through the zone's root path), root's " +
      "authorized_keys holds a contractor's CI key (comment deploy@contractor-ci), on nobody's entry in the staff list, instead of a staff key; " +
      "the global zone's own keys are all staff's.",
  },
  {
    host: 'cn2.sea',
    area: 'patches',
    id: 'old-platform-image',
    finding:
      'SmartOS platform image about a year old: uname -v `joyent_<stamp 365 days before now>`, the only PI in ' +
      'piadm list; pkg_admin audit lists vulnerable packages and pkgin has upgrades pending.',
  },
];

export function plantedProblemIds(hostName: string): PlantedProblemId[] {
  return PLANTED_PROBLEMS.filter((problem) => problem.host === hostName).map((problem) => problem.id);
}
