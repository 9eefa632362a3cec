// One ruleset from nft -j and iptables-save / ip6tables-save, without
// counting any rule twice.
//
// - iptables-nft (backend `nf_tables`) writes its tables into nftables, so
//   nft -j lists them too, but with xtables matches as bare `xt` objects
//   (no ports, states, prefixes). For every such table, iptables-save's rules
//   replace nft's, rule for rule, keeping nft's handles and counters. When a
//   chain's rule counts differ (a rule changed between the two commands)
//   nft's rules stay, with their xt parts unmodelled, and a warning says so.
// - iptables-legacy tables live outside nftables: nft cannot see them. They
//   are added as tables of their own (source `iptables-legacy`); the kernel
//   runs both, so a packet must pass both.
import { appendAll, emptyRuleset, type FirewallChain, type FirewallRule, type FirewallRuleset, type FirewallTable } from './firewall-model';
import type { IptablesSave } from './iptables-save';

const XTABLES = new Set(['filter', 'nat', 'mangle', 'raw', 'security']);

function key(family: string, table: string): string {
  return `${family}/${table}`;
}

/** Items grouped by a key (`family/table`, `family/table/chain`): one pass, however many tables and chains there are. */
function grouped<T>(items: readonly T[], by: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(by(item));
    if (group) group.push(item);
    else groups.set(by(item), [item]);
  }
  return groups;
}

const tableOf = (item: { family: string; table: string }) => key(item.family, item.table);
const chainOf = (item: { family: string; table: string; chain: string }) => `${item.family}/${item.table}/${item.chain}`;
const chainNameOf = (item: { family: string; table: string; name: string }) => `${item.family}/${item.table}/${item.name}`;

export function reconcileRulesets(nft: FirewallRuleset | null, saves: IptablesSave[]): { ruleset: FirewallRuleset; warnings: string[] } {
  const warnings: string[] = [];
  const base: FirewallRuleset = nft ?? emptyRuleset();
  const replacements = new Map<string, IptablesSave>();
  const legacy: IptablesSave[] = [];
  for (const save of saves) {
    if (save.backend === 'legacy') legacy.push(save);
    else if (save.backend === 'nf_tables') for (const table of save.ruleset.tables) replacements.set(key(table.family, table.name), save);
  }
  const tables: FirewallTable[] = [];
  const chains: FirewallChain[] = [];
  const rules: FirewallRule[] = [];
  const versions = { ...base.versions };
  const seen = new Set<string>();
  const nftChains = grouped(base.chains, tableOf);
  const nftRules = grouped(base.rules, tableOf);
  const nftRulesByChain = grouped(base.rules, chainOf);
  for (const table of base.tables) {
    const tableKey = key(table.family, table.name);
    const save = replacements.get(tableKey);
    if (!save) {
      tables.push(table);
      appendAll(chains, nftChains.get(tableKey) ?? []);
      const own = nftRules.get(tableKey) ?? [];
      appendAll(rules, own);
      if ((table.family === 'ip' || table.family === 'ip6') && XTABLES.has(table.name) && own.some((rule) => rule.unmodelledParts.some((part) => part.startsWith('xt ')))) {
        warnings.push(
          `table ${table.family} ${table.name} was written by iptables-nft, but ${table.family === 'ip' ? 'iptables-save' : 'ip6tables-save'} was not read: its xtables matches stay unmodelled`,
        );
      }
      continue;
    }
    seen.add(tableKey);
    merge(table, nftChains.get(tableKey) ?? [], nftRulesByChain, save, { tables, chains, rules }, warnings);
  }
  // nf_tables tables nft did not list (nft failed or was not run).
  for (const [tableKey, save] of replacements) {
    if (seen.has(tableKey)) continue;
    const [family, name] = tableKey.split('/') as [string, string];
    tables.push(...save.ruleset.tables.filter((table) => table.family === family && table.name === name));
    appendAll(
      chains,
      save.ruleset.chains.filter((chain) => chain.family === family && chain.table === name),
    );
    appendAll(
      rules,
      save.ruleset.rules.filter((rule) => rule.family === family && rule.table === name),
    );
    if (nft) warnings.push(`iptables-save lists table ${family} ${name} that nft -j did not: taken from iptables-save`);
  }
  for (const save of legacy) {
    appendAll(tables, save.ruleset.tables);
    appendAll(chains, save.ruleset.chains);
    appendAll(rules, save.ruleset.rules);
  }
  for (const save of saves) Object.assign(versions, save.ruleset.versions);
  const unmodelledObjects = [...base.unmodelledObjects];
  for (const save of saves) appendAll(unmodelledObjects, save.ruleset.unmodelledObjects);
  return { ruleset: { ...base, tables, chains, rules, versions, unmodelledObjects, warnings: [...base.warnings, ...warnings] }, warnings };
}

function merge(
  table: FirewallTable,
  nftChains: FirewallChain[],
  nftRulesByChain: Map<string, FirewallRule[]>,
  save: IptablesSave,
  out: { tables: FirewallTable[]; chains: FirewallChain[]; rules: FirewallRule[] },
  warnings: string[],
): void {
  out.tables.push({ ...table, id: `iptables-nft:${table.family}/${table.name}`, source: 'iptables-nft' });
  const saveChains = save.ruleset.chains.filter((chain) => chain.family === table.family && chain.table === table.name);
  const saveRulesByChain = grouped(
    save.ruleset.rules.filter((rule) => rule.family === table.family && rule.table === table.name),
    chainOf,
  );
  const nftByName = new Map(nftChains.map((chain) => [chain.name, chain]));
  const names = [...new Set([...saveChains.map((chain) => chain.name), ...nftChains.map((chain) => chain.name)])];
  for (const name of names) {
    const fromSave = saveChains.find((chain) => chain.name === name);
    const fromNft = nftByName.get(name);
    // nft knows the real hook and priority; iptables-save the counters of the policy.
    const chain = fromSave ?? fromNft!;
    out.chains.push({
      ...chain,
      hook: fromNft?.hook ?? chain.hook,
      priority: fromNft?.priority ?? chain.priority,
      policy: fromNft?.policy ?? chain.policy,
      handle: fromNft?.handle ?? null,
    });
    const chainKey = chainNameOf({ family: table.family, table: table.name, name });
    const nftRules = nftRulesByChain.get(chainKey) ?? [];
    const saveRules = saveRulesByChain.get(chainKey) ?? [];
    if (nftRules.length === saveRules.length) {
      saveRules.forEach((rule, index) => {
        const twin = nftRules[index]!;
        out.rules.push({ ...rule, handle: twin.handle, counters: twin.counters ?? rule.counters, raw: [rule.raw, twin.raw].filter(Boolean).join('\n') });
      });
    } else {
      warnings.push(
        `chain ${table.family} ${table.name} ${name}: nft -j lists ${nftRules.length} rule(s), ${table.family === 'ip' ? 'iptables-save' : 'ip6tables-save'} ${saveRules.length}; the ruleset changed between the two commands — nft's rules are used, their xtables matches unmodelled`,
      );
      appendAll(out.rules, nftRules);
    }
  }
}
