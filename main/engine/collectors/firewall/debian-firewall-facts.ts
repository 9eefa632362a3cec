// Firewall facts of a Debian host: nft -j is the primary source;
// iptables-save/ip6tables-save fill in what nft -j cannot show (xtables
// parameters, iptables-legacy tables) — see nft-reconcile.ts. What the
// analysis could not see is recorded per IP version as the ruleset's
// visibility: nft unreadable leaves native nftables tables unseen, an
// iptables-legacy warning leaves legacy tables unseen.
import type { CommandOutput } from '../host-command';
import { effectiveExposure, unlistedPortExposure } from './exposure';
import { FIREWALL_COMMAND_IDS as ids } from './firewall-commands';
import type { FirewallFacts } from './firewall-facts';
import type { FamilyVisibility, FirewallRuleset } from './firewall-model';
import { parseIp6tablesSave, parseIptablesSave, type IptablesSave } from './iptables-save';
import { parseNftJson } from './nft-json';
import { reconcileRulesets } from './nft-reconcile';
import { firewallSources, readProblem } from './source-status';
import { OutputReader } from '../output-reader';
import { wasRead } from '../parse-result';
import { parseSsListeners } from './ss-listeners';

export function debianFirewallFacts(outputs: CommandOutput[]): FirewallFacts {
  const reader = new OutputReader(outputs);
  const nft = reader.read(ids.nftJson, parseNftJson);
  const v4 = reader.read(ids.iptablesSave, parseIptablesSave);
  const v6 = reader.read(ids.ip6tablesSave, parseIp6tablesSave);
  const ss = reader.read(ids.ssListeners, parseSsListeners);
  const sources = firewallSources('debian', reader);
  // A partial reading is used for what it holds; its family's visibility then says rules are missing.
  const nftRuleset = nft && wasRead(nft.status) ? nft.value : null;
  const save4 = v4 && wasRead(v4.status) ? v4.value : null;
  const save6 = v6 && wasRead(v6.status) ? v6.value : null;
  const { ruleset, warnings } = reconcileRulesets(
    nftRuleset,
    [save4, save6].filter((save): save is IptablesSave => save !== null),
  );
  const nftProblem = nftRuleset ? null : `nft -j list ruleset: ${readProblem(reader, ids.nftJson)}`;
  const unread = [nft, v4, v6].filter((parsed) => parsed?.status === 'partial').map((parsed) => parsed!.message!);
  ruleset.visibility = {
    ipv4: withUnread(
      visibility(nftProblem, save4, readProblem(reader, ids.iptablesSave, 'iptables-save not run'), 'iptables-save'),
      unread.filter((message) => !message.startsWith('ip6tables-save')),
    ),
    ipv6: withUnread(
      visibility(nftProblem, save6, readProblem(reader, ids.ip6tablesSave, 'ip6tables-save not run'), 'ip6tables-save'),
      unread.filter((message) => !message.startsWith('iptables-save')),
    ),
  };
  const listeners = ss && wasRead(ss.status) ? ss.value!.listeners : [];
  const exposure = effectiveExposure(ruleset, listeners);
  return {
    os: 'debian',
    sources,
    ruleset,
    iptables: {
      ipv4: save4 ? { backend: save4.backend, legacyTablesPresent: save4.legacyTablesPresent } : null,
      ipv6: save6 ? { backend: save6.backend, legacyTablesPresent: save6.legacyTablesPresent } : null,
    },
    ipfilter: null,
    firewall: firewallState(ruleset),
    listeners,
    listenersKnown: ss?.status === 'ok',
    processesShown: ss && wasRead(ss.status) ? ss.value!.processesShown : false,
    exposure,
    defaultInput: { ipv4: unlistedPortExposure(ruleset, 4), ipv6: unlistedPortExposure(ruleset, 6) },
    zones: null,
    zoneRules: null,
    warnings: [...warnings, ...sources.flatMap((source) => source.warnings.map((warning) => `${source.command}: ${warning}`))],
  };
}

function visibility(nftProblem: string | null, save: IptablesSave | null, saveProblem: string, tool: string): FamilyVisibility {
  const reasons: string[] = [];
  if (save?.legacyTablesPresent && save.backend !== 'legacy') reasons.push(`${tool} warns that iptables-legacy tables exist; they filter too but only iptables-legacy-save shows them`);
  if (nftProblem === null) return { state: reasons.length ? 'partial' : 'complete', reasons };
  if (!save) return { state: 'unknown', reasons: [nftProblem, `${tool}: ${saveProblem}`] };
  reasons.unshift(`${nftProblem} — native nftables tables are not visible, only what ${tool} shows`);
  return { state: 'partial', reasons };
}

/** Lines of a ruleset that could not be read make the family's reading incomplete (unless nothing was readable at all). */
function withUnread(visibility: FamilyVisibility, unread: string[]): FamilyVisibility {
  if (unread.length === 0 || visibility.state === 'unknown') return visibility;
  return { state: 'incomplete', reasons: [...visibility.reasons, ...unread.map((message) => `${message} — they may accept or drop anything, so nothing behind them counts as blocked`)] };
}

function firewallState(ruleset: FirewallRuleset): FirewallFacts['firewall'] {
  const { ipv4, ipv6 } = ruleset.visibility;
  if (ipv4.state === 'unknown' && ipv6.state === 'unknown') return { state: 'unknown', reason: [...new Set([...ipv4.reasons, ...ipv6.reasons])].join('; ') };
  const filtering = ruleset.chains.some((chain) => chain.hook === 'input' || chain.hook === 'prerouting' || chain.hook === 'ingress');
  if (filtering) return { state: 'active', reason: `${ruleset.tables.length} table(s), ${ruleset.rules.length} rule(s) loaded` };
  return { state: 'inactive', reason: ruleset.tables.length ? 'no table hooks the input path' : 'no ruleset is loaded (nft and iptables-save list no tables)' };
}
