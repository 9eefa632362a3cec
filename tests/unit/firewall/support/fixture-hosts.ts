// Whole hosts built from the shared fixtures: the outputs of every firewall
// command as a scan records them.
import { FIREWALL_COMMAND_IDS as ids } from '../../../../main/engine/collectors/firewall/firewall-commands';
import type { CommandOutput } from '../../../../main/engine/collectors/host-command';
import { fixture, output } from './firewall-fixtures';
import { NETSTAT_INET, NETSTAT_INET6, VMADM_FIREWALL } from './smartos-outputs';

/** Native nftables (inet filter), no iptables tables, the captured sockets. */
export function nativeNftHost(): CommandOutput[] {
  return [output(ids.nftJson, fixture('debian/nft-j-list-ruleset.txt')), output(ids.iptablesSave, ''), output(ids.ip6tablesSave, ''), output(ids.ssListeners, fixture('debian/ss-H-tulpn.txt'))];
}

/** iptables-nft tables (ip and ip6 filter, Docker-style nat) with their iptables-save. */
export function iptablesNftHost(): CommandOutput[] {
  return [
    output(ids.nftJson, fixture('debian/nft-j-list-ruleset-iptables-nft.txt')),
    output(ids.iptablesSave, fixture('debian/iptables-save.txt')),
    output(ids.ip6tablesSave, fixture('debian/ip6tables-save.txt')),
    output(ids.ssListeners, fixture('debian/ss-H-tulpn.txt')),
  ];
}

/** A global zone: ipfilter, the GZ ipf lists (the IPv6 one empty), fwadm rules, zones, netstat. */
export function smartosHost(svcs = fixture('smartos/svcs-H-ipfilter.txt')): CommandOutput[] {
  return [
    output(ids.svcsIpfilter, svcs),
    output(ids.ipfstatV4, fixture('smartos/ipfstat-io.txt')),
    output(ids.ipfstatV6, '', { stderr: fixture('smartos/ipfstat-io-empty.stderr.txt') }),
    output(ids.fwadmList, fixture('smartos/fwadm-list-j.txt')),
    output(ids.vmadmList, VMADM_FIREWALL),
    output(ids.netstatInet, NETSTAT_INET),
    output(ids.netstatInet6, NETSTAT_INET6),
  ];
}
