// Service and protocol names the tools print instead of numbers. ipfstat
// prints `port = ssh` whenever getservbyport(3) resolves the number (ipf's
// printportcmp.c), so the port of a SmartOS rule depends on the host's
// /etc/services; these are the names of the illumos and Debian files for the
// ports a mail provider's hosts use. An unknown name stays unresolved and
// the rule is marked unmodelled rather than guessed.

const SERVICES: Record<string, number> = {
  tcpmux: 1,
  echo: 7,
  discard: 9,
  daytime: 13,
  chargen: 19,
  'ftp-data': 20,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  time: 37,
  whois: 43,
  nicname: 43,
  tacacs: 49,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  gopher: 70,
  finger: 79,
  http: 80,
  www: 80,
  kerberos: 88,
  pop3: 110,
  pop: 110,
  sunrpc: 111,
  rpcbind: 111,
  ident: 113,
  auth: 113,
  nntp: 119,
  ntp: 123,
  epmap: 135,
  'netbios-ns': 137,
  'netbios-dgm': 138,
  'netbios-ssn': 139,
  imap: 143,
  imap2: 143,
  snmp: 161,
  'snmp-trap': 162,
  snmptrap: 162,
  bgp: 179,
  irc: 194,
  ldap: 389,
  https: 443,
  'microsoft-ds': 445,
  kpasswd: 464,
  submissions: 465,
  urd: 465,
  smtps: 465,
  isakmp: 500,
  exec: 512,
  biff: 512,
  login: 513,
  who: 513,
  shell: 514,
  syslog: 514,
  printer: 515,
  talk: 517,
  ntalk: 518,
  route: 520,
  router: 520,
  uucp: 540,
  'dhcpv6-client': 546,
  'dhcpv6-server': 547,
  submission: 587,
  ipp: 631,
  ldaps: 636,
  rsync: 873,
  'ftps-data': 989,
  'domain-s': 853,
  ftps: 990,
  telnets: 992,
  imaps: 993,
  pop3s: 995,
  socks: 1080,
  openvpn: 1194,
  'ms-sql-s': 1433,
  'ms-sql-m': 1434,
  ingreslock: 1524,
  l2tp: 1701,
  pptp: 1723,
  radius: 1812,
  'radius-acct': 1813,
  nfs: 2049,
  mysql: 3306,
  'ms-wbt-server': 3389,
  sieve: 4190,
  sip: 5060,
  'sip-tls': 5061,
  'xmpp-client': 5222,
  'xmpp-server': 5269,
  postgresql: 5432,
  postgres: 5432,
  amqp: 5672,
  x11: 6000,
  redis: 6379,
  'http-alt': 8080,
  webcache: 8080,
  memcache: 11211,
};

const PROTOCOL_NUMBERS: Record<number, string> = {
  0: 'ip',
  1: 'icmp',
  2: 'igmp',
  4: 'ipip',
  6: 'tcp',
  17: 'udp',
  33: 'dccp',
  41: 'ipv6',
  47: 'gre',
  50: 'esp',
  51: 'ah',
  58: 'ipv6-icmp',
  89: 'ospf',
  112: 'vrrp',
  132: 'sctp',
  136: 'udplite',
};

/** A port number from a number, a numeric string or a service name; null when unknown. */
export function portNumber(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 65535 ? value : null;
  const text = value.trim();
  if (/^\d{1,5}$/.test(text)) {
    const number = Number(text);
    return number <= 65535 ? number : null;
  }
  return Object.prototype.hasOwnProperty.call(SERVICES, text.toLowerCase()) ? SERVICES[text.toLowerCase()]! : null;
}

/** Canonical protocol name: numbers and aliases (`icmpv6`, `ipv6-icmp`, `6`) become one spelling. */
export function protocolName(value: string | number): string {
  const text = String(value).trim().toLowerCase();
  if (/^\d{1,3}$/.test(text)) return PROTOCOL_NUMBERS[Number(text)] ?? text;
  if (text === 'icmpv6' || text === 'icmp6' || text === 'ipv6-icmp') return 'ipv6-icmp';
  return text;
}
