// What the firewall area knows about one host after a scan: the combined
// rule model, the listening sockets, what each socket is exposed to, the
// input path's default, and on SmartOS the zones' firewalls — plain,
// JSON-serialisable data, built by pure functions from the raw outputs of
// FIREWALL_COMMANDS. Each command's parse status is kept, so "could not
// read" never looks like "nothing there".
import type { CommandOutput, TargetOs } from '../host-command';
import type { CheckStatus } from '../output-reader';
import { debianFirewallFacts } from './debian-firewall-facts';
import type { ExposureEntry } from './exposure';
import type { FirewallRuleset, Listener } from './firewall-model';
import type { IptablesBackend } from './iptables-save';
import { smartosFirewallFacts } from './smartos-firewall-facts';
import type { ZoneFirewall } from './zone-firewall';

export { parseFirewallForCli, FIREWALL_CLI_FORMATS, isFirewallCliFormat, type FirewallCliFormat, type FirewallCliResult } from './firewall-cli';

export interface FirewallSourceStatus {
  commandId: string;
  command: string;
  status: CheckStatus;
  message: string | null;
  warnings: string[];
}

export interface FirewallFacts {
  os: TargetOs;
  /** Per command: how its output parsed. */
  sources: FirewallSourceStatus[];
  /** Every rule OpsDeck could read, in one model (nft + iptables reconciled; ipf lists). */
  ruleset: FirewallRuleset;
  /** iptables-save / ip6tables-save backends (Debian); null when not read. */
  iptables: { ipv4: { backend: IptablesBackend | null; legacyTablesPresent: boolean } | null; ipv6: { backend: IptablesBackend | null; legacyTablesPresent: boolean } | null };
  /** SmartOS: the svc:/network/ipfilter line; null elsewhere or when svcs did not answer. */
  ipfilter: { state: string; line: string } | null;
  /** Whether anything filters this host's own inbound traffic. */
  firewall: { state: 'active' | 'inactive' | 'unknown'; reason: string };
  listeners: Listener[];
  listenersKnown: boolean;
  /** False when the socket list came without processes (ss without root, illumos netstat). */
  processesShown: boolean;
  exposure: ExposureEntry[];
  /** A new TCP connection to a port no rule names: what the input path does with it, per version. */
  defaultInput: { ipv4: ExposureEntry; ipv6: ExposureEntry };
  /** SmartOS zones with their firewall state and the fwadm rules that apply; null on Debian or when vmadm did not answer. */
  zones: ZoneFirewall[] | null;
  /** fwadm rules (SmartOS), as rules of the model; null when not read. */
  zoneRules: FirewallRuleset | null;
  warnings: string[];
}

export function firewallFacts(os: TargetOs, outputs: CommandOutput[]): FirewallFacts {
  return os === 'debian' ? debianFirewallFacts(outputs) : smartosFirewallFacts(outputs);
}
