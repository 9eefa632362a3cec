// Symbolic walk of one chain for a set of source addresses: which of them a
// rule accepts, drops or sends elsewhere, following jump (come back on
// return or at the end), goto (never come back) and return, in rule order.
// Sources whose fate depends on something unmodelled leave the walk as
// "undetermined", with the rule and the reason — never guessed.
//
// ipf lists are last-match (ipf(5)): the first matching `quick` rule wins,
// else the LAST matching rule. That is the same as first-match over the
// quick rules in order followed by the other rules in reverse order, which
// is how chainRules() presents them.
import { EMPTY_SET, intersectSets, isEmptySet, subtractSets, unionSets, type AddrSet } from './address-set';
import type { FirewallChain, FirewallRule, FirewallRuleset } from './firewall-model';
import { isNever, matchCondition, missesCheaply, type Condition, type PacketContext } from './packet-condition';

export type DecisionRef = { kind: 'rule'; ruleId: string; chainId: string; text: string } | { kind: 'policy'; chainId: string; policy: 'accept' | 'drop'; text: string };

export interface Tagged {
  set: AddrSet;
  ref: DecisionRef;
  reasons: string[];
}

export interface WalkResult {
  accepted: Tagged[];
  dropped: Tagged[];
  undetermined: Tagged[];
  returned: AddrSet;
}

/** nft limits jumps to 16 levels (NFT_JUMP_STACK_SIZE); deeper means a loop in parsed data. */
const MAX_DEPTH = 16;

export interface ChainIndex {
  chain(family: string, table: string, name: string): FirewallChain | undefined;
  rules(chain: FirewallChain): FirewallRule[];
  /** Whether anything reached through this chain can end or divert a packet. */
  decides(chain: FirewallChain): boolean;
}

const TERMINAL = new Set(['accept', 'drop', 'reject', 'return', 'jump', 'goto', 'queue', 'unmodelled']);

export function chainIndex(ruleset: FirewallRuleset): ChainIndex {
  const byName = new Map<string, FirewallChain>();
  for (const chain of ruleset.chains) byName.set(`${chain.family}/${chain.table}/${chain.name}`, chain);
  const rules = new Map<string, FirewallRule[]>();
  for (const rule of ruleset.rules) {
    const key = `${rule.family}/${rule.table}/${rule.chain}`;
    const list = rules.get(key);
    if (list) list.push(rule);
    else rules.set(key, [rule]);
  }
  const ordered = new Map<FirewallChain, FirewallRule[]>();
  const decides = new Map<FirewallChain, boolean>();
  const index: ChainIndex = {
    chain: (family, table, name) => byName.get(`${family}/${table}/${name}`),
    rules: (chain) => {
      let list = ordered.get(chain);
      if (!list) {
        list = [...(rules.get(`${chain.family}/${chain.table}/${chain.name}`) ?? [])].sort((a, b) => a.position - b.position);
        if (chain.evaluation === 'last-match') list = [...list.filter((rule) => rule.ipf?.quick), ...list.filter((rule) => !rule.ipf?.quick).reverse()];
        ordered.set(chain, list);
      }
      return list;
    },
    decides: (chain) => {
      const known = decides.get(chain);
      if (known !== undefined) return known;
      decides.set(chain, true); // a loop decides conservatively
      const result = index.rules(chain).some((rule) => {
        if (rule.action.kind === 'jump' || rule.action.kind === 'goto') {
          const target = rule.action.target ? index.chain(rule.family, rule.table, rule.action.target) : undefined;
          return target ? index.decides(target) : true;
        }
        return TERMINAL.has(rule.action.kind);
      });
      decides.set(chain, result);
      return result;
    },
  };
  return index;
}

function ruleRef(rule: FirewallRule, chain: FirewallChain): DecisionRef {
  return { kind: 'rule', ruleId: rule.id, chainId: chain.id, text: rule.text };
}

export class ChainWalker {
  private readonly conditions = new Map<FirewallRule, Condition>();

  constructor(
    private readonly index: ChainIndex,
    private readonly context: PacketContext,
  ) {}

  private condition(rule: FirewallRule): Condition | null {
    if (missesCheaply(rule.match, this.context)) return null;
    let condition = this.conditions.get(rule);
    if (!condition) {
      condition = matchCondition(rule.match, this.context);
      this.conditions.set(rule, condition);
    }
    return condition;
  }

  /** Walks a base chain: what falls off its end meets the chain's policy. */
  walkBase(chain: FirewallChain, region: AddrSet): WalkResult {
    const result = this.walk(chain, region, 0);
    if (!isEmptySet(result.returned)) {
      const policy = chain.policy ?? 'accept';
      const tagged: Tagged = { set: result.returned, ref: { kind: 'policy', chainId: chain.id, policy, text: `policy ${policy} of ${chain.family} ${chain.table} ${chain.name}` }, reasons: [] };
      (policy === 'drop' ? result.dropped : result.accepted).push(tagged);
    }
    return { ...result, returned: EMPTY_SET };
  }

  walk(chain: FirewallChain, start: AddrSet, depth: number): WalkResult {
    const out: WalkResult = { accepted: [], dropped: [], undetermined: [], returned: EMPTY_SET };
    const version = this.context.version;
    if (depth > MAX_DEPTH) {
      out.undetermined.push({
        set: start,
        ref: { kind: 'policy', chainId: chain.id, policy: 'accept', text: `jump depth over ${MAX_DEPTH} at ${chain.name}` },
        reasons: ['jumps nest deeper than nftables allows (a loop?)'],
      });
      return out;
    }
    let region = start;
    for (const rule of this.index.rules(chain)) {
      if (isEmptySet(region)) break;
      const kind = rule.action.kind;
      if (kind === 'none' || kind === 'continue' || kind === 'log' || kind === 'counter' || kind === 'nat' || kind === 'other') continue;
      const condition = this.condition(rule);
      if (condition === null || isNever(condition)) continue;
      const hit = intersectSets(region, condition.yes);
      const maybe = isEmptySet(condition.maybe) ? EMPTY_SET : intersectSets(region, condition.maybe);
      if (isEmptySet(hit) && isEmptySet(maybe)) continue;
      const ref = ruleRef(rule, chain);
      if ((kind === 'jump' || kind === 'goto') && rule.action.target) {
        const target = this.index.chain(rule.family, rule.table, rule.action.target);
        if (!target) {
          const both = unionSets(hit, maybe);
          out.undetermined.push({ set: both, ref, reasons: [`${kind} to chain ${rule.action.target}, which is not in the ruleset`] });
          region = subtractSets(region, both, version);
          continue;
        }
        if (kind === 'jump' && !this.index.decides(target)) continue;
        if (!isEmptySet(hit)) {
          const inner = this.walk(target, hit, depth + 1);
          out.accepted.push(...inner.accepted);
          out.dropped.push(...inner.dropped);
          out.undetermined.push(...inner.undetermined);
          region = subtractSets(region, hit, version);
          if (kind === 'jump') region = unionSets(region, inner.returned);
          else out.returned = unionSets(out.returned, inner.returned);
        }
        if (!isEmptySet(maybe)) {
          // Sources that may or may not jump: whatever the target decides for them is uncertain.
          const inner = this.walk(target, maybe, depth + 1);
          const decided = [...inner.accepted, ...inner.dropped, ...inner.undetermined];
          for (const each of decided) out.undetermined.push({ set: each.set, ref, reasons: condition.reasons });
          if (kind === 'goto' && !isEmptySet(inner.returned)) out.undetermined.push({ set: inner.returned, ref, reasons: condition.reasons });
          for (const each of decided) region = subtractSets(region, each.set, version);
          if (kind === 'goto') region = subtractSets(region, inner.returned, version);
        }
        continue;
      }
      if (!isEmptySet(maybe)) {
        out.undetermined.push({ set: maybe, ref, reasons: condition.reasons });
        region = subtractSets(region, maybe, version);
      }
      if (isEmptySet(hit)) continue;
      switch (kind) {
        case 'accept':
          out.accepted.push({ set: hit, ref, reasons: [] });
          break;
        case 'drop':
        case 'reject':
          out.dropped.push({ set: hit, ref, reasons: [] });
          break;
        case 'return':
          out.returned = unionSets(out.returned, hit);
          break;
        case 'queue':
          out.undetermined.push({ set: hit, ref, reasons: ['queued to a userspace program, which decides'] });
          break;
        default:
          out.undetermined.push({ set: hit, ref, reasons: [`action not modelled: ${rule.action.detail ?? rule.action.target ?? kind}`] });
      }
      region = subtractSets(region, hit, version);
    }
    out.returned = unionSets(out.returned, region);
    return out;
  }
}

export function setOf(tagged: Tagged[]): AddrSet {
  let set: AddrSet = EMPTY_SET;
  for (const each of tagged) set = unionSets(set, each.set);
  return set;
}

export function restrictTagged(tagged: Tagged[], to: AddrSet): Tagged[] {
  const out: Tagged[] = [];
  for (const each of tagged) {
    const set = intersectSets(each.set, to);
    if (!isEmptySet(set)) out.push({ ...each, set });
  }
  return out;
}
