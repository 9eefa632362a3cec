// The fixed, read-only commands of the firewall area, per OS. remoteCommandLine
// adds `env LC_ALL=C` (and `sudo -n` for the privileged ones).
//
// Choices worth knowing:
// - nft needs CAP_NET_ADMIN even to list ("Operation not permitted (you must
//   be root)"), iptables-save too ("Could not fetch rule set generation id:
//   Permission denied"); ss shows processes only to root, so all four are
//   privileged on Debian.
// - `nft -j` is the primary source. iptables-save/ip6tables-save are read as
//   well: xtables matches of iptables-nft rules appear in the JSON only as
//   bare `{"xt": …}` objects, and iptables-legacy tables do not appear in nft
//   at all (iptables-save says which backend it is, and warns on stderr when
//   legacy tables exist beside nf_tables ones).
// - SmartOS: OpsDeck scans the global zone. Its own sockets are filtered by
//   the GZ ipf rules (`ipfstat -io`, `-6io` for the separate IPv6 list) when
//   svc:/network/ipfilter is online; fwadm rules apply to the zones whose
//   firewall_enabled is true. `vmadm list -o …,firewall_enabled` is what the
//   issue asks for, although vmadm(8) documents the property as not
//   listable on some platforms ("Invalid order key") — that answer is kept
//   as an `unsupported` state, never an error.
import type { HostCommand, TargetOs } from '../host-command';

export const FIREWALL_COMMAND_IDS = {
  nftJson: 'firewall.nft-json',
  iptablesSave: 'firewall.iptables-save',
  ip6tablesSave: 'firewall.ip6tables-save',
  ssListeners: 'firewall.ss-listeners',
  svcsIpfilter: 'firewall.svcs-ipfilter',
  ipfstatV4: 'firewall.ipfstat',
  ipfstatV6: 'firewall.ipfstat-6',
  fwadmList: 'firewall.fwadm-list',
  vmadmList: 'firewall.vmadm-list',
  netstatInet: 'firewall.netstat-inet',
  netstatInet6: 'firewall.netstat-inet6',
} as const;

export type FirewallCommandId = (typeof FIREWALL_COMMAND_IDS)[keyof typeof FIREWALL_COMMAND_IDS];

const ids = FIREWALL_COMMAND_IDS;
const command = (id: string, text: string, privileged = false): HostCommand => ({ id, command: text, privileged });

export const FIREWALL_COMMANDS: Record<TargetOs, HostCommand[]> = {
  debian: [
    command(ids.nftJson, 'nft -j list ruleset', true),
    command(ids.iptablesSave, 'iptables-save', true),
    command(ids.ip6tablesSave, 'ip6tables-save', true),
    command(ids.ssListeners, 'ss -H -tulpn', true),
  ],
  smartos: [
    command(ids.svcsIpfilter, 'svcs -H ipfilter'),
    command(ids.ipfstatV4, 'ipfstat -io', true),
    command(ids.ipfstatV6, 'ipfstat -6io', true),
    command(ids.fwadmList, 'fwadm list -j'),
    command(ids.vmadmList, 'vmadm list -p -o uuid,alias,firewall_enabled'),
    command(ids.netstatInet, 'netstat -an -f inet'),
    command(ids.netstatInet6, 'netstat -an -f inet6'),
  ],
};

export function firewallCommand(os: TargetOs, id: FirewallCommandId): HostCommand {
  const found = FIREWALL_COMMANDS[os].find((each) => each.id === id);
  if (!found) throw new Error(`no ${os} firewall command ${id}`);
  return found;
}
