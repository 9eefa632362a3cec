// One nft -j rule object into the rule model: matches into RuleMatch, the
// first verdict into the action, other statements kept as text. A verdict
// map (`tcp dport vmap { 22 : accept, 23 : drop }`, or `vmap @name`) becomes
// one model rule per distinct verdict, so every model rule has one action.
//
// iptables-nft rules carry xtables extensions as bare `{"xt": {"type",
// "name"}}` objects without their parameters (nft-j-list-ruleset-iptables-nft
// .md): an xt match is unmodelled (its conditions are unknown); an xt target
// has a known effect by name (LOG logs, MASQUERADE translates…) even though
// its options are lost. nft-reconcile.ts replaces such rules with their
// iptables-save form when one exists.
import { noAction, ruleId, type Counters, type FirewallRule, type RuleAction, type RuleFamily, type RuleMatch } from './firewall-model';
import { applyNftMatch } from './nft-match';
import { renderRule, renderStatement } from './nft-render';
import type { NftSetIndex } from './nft-sets';
import { firstKey, resolveRight, toItem, type NftItem } from './nft-values';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** xtables targets whose effect on the packet's path is known without their options. */
const XT_TARGETS: Record<string, RuleAction['kind']> = {
  ACCEPT: 'accept',
  DROP: 'drop',
  REJECT: 'reject',
  RETURN: 'return',
  LOG: 'log',
  NFLOG: 'log',
  ULOG: 'log',
  MASQUERADE: 'nat',
  SNAT: 'nat',
  DNAT: 'nat',
  REDIRECT: 'nat',
  MARK: 'other',
  CONNMARK: 'other',
  TCPMSS: 'other',
  CT: 'other',
  NOTRACK: 'other',
  CHECKSUM: 'other',
  DSCP: 'other',
  TOS: 'other',
};

/** Statements that never end or divert a packet's path. */
const HARMLESS = new Set(['mangle', 'notrack', 'ct helper', 'ct timeout', 'ct expectation', 'secmark', 'dup', 'flow', 'synproxy_no']);

interface Collected {
  match: RuleMatch;
  statements: string[];
  counters: Counters | null;
  verdict: RuleAction | null;
  fallback: RuleAction | null;
  unmodelledParts: string[];
  vmap: { key: unknown; data: unknown; text: string } | null;
}

export interface NftRuleInput {
  family: RuleFamily;
  table: string;
  chain: string;
  handle: number | null;
  comment: string | null;
  expr: unknown;
}

export function verdictAction(statement: unknown): RuleAction | null {
  if (!isObject(statement)) return null;
  const key = firstKey(statement);
  const body = key === undefined ? undefined : statement[key];
  switch (key) {
    case 'accept':
    case 'drop':
    case 'continue':
    case 'return':
      return { kind: key, target: null, detail: null };
    case 'jump':
    case 'goto':
      return isObject(body) && typeof body.target === 'string' ? { kind: key, target: body.target, detail: null } : null;
    default:
      return null;
  }
}

/** A set/meter statement's own statements: an array up to nft 1.0.5, one object from 1.0.6 (libnftables-json(5)). */
function nestedStatements(stmt: unknown): unknown[] {
  if (stmt === undefined || stmt === null) return [];
  return Array.isArray(stmt) ? stmt : [stmt];
}

const RATE_LIMITS = new Set(['limit', 'quota', 'ct count']);

/**
 * What the statements inside a set/meter statement mean for the rule: a
 * rate limit makes it conditional; a counter changes nothing; anything else
 * (a named limit whose direction is defined elsewhere, a statement this code
 * does not know) leaves the rule's condition unknown.
 */
function nestedEffect(statements: unknown[]): { limit: { over: boolean } | null; unknown: boolean } {
  let limit: { over: boolean } | null = null;
  let unknown = false;
  for (const statement of statements) {
    const key = isObject(statement) ? firstKey(statement) : undefined;
    const body = key === undefined ? undefined : (statement as Record<string, unknown>)[key];
    if (key !== undefined && RATE_LIMITS.has(key) && isObject(body)) limit ??= { over: body.inv === true };
    else if (key !== 'counter') unknown = true;
  }
  return { limit, unknown };
}

function collect(statements: unknown[], sets: NftSetIndex): Collected {
  const out: Collected = { match: {}, statements: [], counters: null, verdict: null, fallback: null, unmodelledParts: [], vmap: null };
  const unmodelled = (text: string, asMatch: boolean) => {
    out.unmodelledParts.push(text);
    if (asMatch) out.match.unmodelled = [...(out.match.unmodelled ?? []), text];
  };
  for (const statement of statements) {
    // Rendered only when kept: most statements are matches the model covers.
    let rendered: string | null = null;
    const text = () => (rendered ??= renderStatement(statement));
    if (!isObject(statement)) {
      unmodelled(text(), true);
      continue;
    }
    const key = firstKey(statement);
    const body = key === undefined ? undefined : statement[key];
    const verdict = verdictAction(statement);
    if (verdict) {
      out.verdict ??= verdict;
      continue;
    }
    switch (key) {
      case 'match': {
        const right = isObject(body) ? resolveRight(body.right, sets) : null;
        if (!isObject(body) || !right || !applyNftMatch(out.match, body.left, String(body.op ?? '=='), right)) unmodelled(text(), true);
        break;
      }
      case 'counter':
        out.statements.push('counter');
        if (isObject(body) && typeof body.packets === 'number' && typeof body.bytes === 'number') out.counters = { packets: body.packets, bytes: body.bytes };
        break;
      case 'log':
        out.statements.push(text());
        out.fallback ??= { kind: 'log', target: null, detail: text() };
        break;
      case 'limit':
      case 'quota':
      case 'ct count':
        // A named limit/quota (`quota name "q"`) is a string: whether it is "over" or "until" is in the object's definition.
        if (isObject(body)) out.match.extras = [...(out.match.extras ?? []), { kind: 'rate-limit', over: body.inv === true, text: text() }];
        else unmodelled(text(), true);
        break;
      case 'set':
      case 'meter': {
        out.statements.push(text());
        if (!isObject(body)) {
          unmodelled(text(), true);
          break;
        }
        const nested = nestedEffect(nestedStatements(body.stmt));
        if (nested.unknown) unmodelled(text(), true);
        else if (nested.limit) out.match.extras = [...(out.match.extras ?? []), { kind: 'rate-limit', over: nested.limit.over, text: text() }];
        break;
      }
      case 'reject':
        out.verdict ??= { kind: 'reject', target: null, detail: text() === 'reject' ? null : text().replace(/^reject /, '') };
        break;
      case 'queue':
        out.verdict ??= { kind: 'queue', target: null, detail: text() };
        break;
      case 'snat':
      case 'dnat':
      case 'masquerade':
      case 'redirect':
        out.statements.push(text());
        out.fallback = { kind: 'nat', target: key, detail: text() };
        break;
      case 'vmap':
        if (isObject(body)) out.vmap = { key: body.key, data: body.data, text: text() };
        else unmodelled(text(), false);
        break;
      case 'xt': {
        const name = isObject(body) ? String(body.name) : '?';
        if (isObject(body) && body.type === 'target' && XT_TARGETS[name]) {
          const kind = XT_TARGETS[name]!;
          const action = { kind, target: kind === 'nat' ? name.toLowerCase() : null, detail: `xt target ${name} (options not exported by nft -j)` };
          if (kind === 'accept' || kind === 'drop' || kind === 'reject' || kind === 'return') out.verdict ??= action;
          else out.fallback = action;
          out.unmodelledParts.push(text());
        } else unmodelled(text(), isObject(body) && body.type === 'match');
        if (isObject(body) && body.type !== 'match' && !XT_TARGETS[name]) out.fallback = { kind: 'unmodelled', target: null, detail: text() };
        break;
      }
      default:
        if (key !== undefined && HARMLESS.has(key)) out.statements.push(text());
        else {
          // tproxy, fwd, synproxy, future statements: they may end or divert the packet.
          unmodelled(text(), false);
          out.fallback = { kind: 'unmodelled', target: null, detail: text() };
        }
    }
  }
  return out;
}

function vmapEntries(data: unknown, sets: NftSetIndex): Array<{ key: NftItem; verdict: unknown }> | null {
  if (typeof data === 'string' && data.startsWith('@')) {
    const set = sets.get(data.slice(1));
    return set ? set.mapEntries.map((entry) => ({ key: entry.key, verdict: entry.data })) : null;
  }
  const list = isObject(data) && Array.isArray(data.set) ? data.set : null;
  if (!list) return null;
  const out: Array<{ key: NftItem; verdict: unknown }> = [];
  for (const element of list) {
    if (!Array.isArray(element) || element.length !== 2) return null;
    const key = toItem(element[0]);
    if (key === null) return null;
    out.push({ key, verdict: element[1] });
  }
  return out;
}

function finalAction(collected: Collected): RuleAction {
  if (collected.verdict) return collected.verdict;
  if (collected.fallback) return collected.fallback;
  if (collected.statements.includes('counter')) return { kind: 'counter', target: null, detail: null };
  if (collected.statements.length > 0) return { kind: 'other', target: null, detail: collected.statements.join(' ') };
  return noAction();
}

/** The model rules for one nft rule object (several for a verdict map). */
/**
 * `raw` gives the rule's JSON on demand: it is kept only for rules with a part
 * the model does not cover (what OpsDeck could not read, verbatim). A rule
 * read in full is its `text`; the whole document is kept as evidence anyway.
 */
export function nftRuleToModel(input: NftRuleInput, position: number, sets: NftSetIndex, raw: () => string): FirewallRule[] {
  const statements = Array.isArray(input.expr) ? input.expr : [];
  const collected = collect(statements, sets);
  if (!Array.isArray(input.expr)) collected.unmodelledParts.push('rule without an "expr" array');
  const text = renderRule(statements, input.comment);
  const base = (match: RuleMatch, action: RuleAction, expansion: { index: number; count: number } | null, extraUnmodelled: string[]): FirewallRule => {
    const unmodelledParts = [...collected.unmodelledParts, ...extraUnmodelled];
    return {
      id: ruleId('nftables', input.family, input.table, input.chain, position, expansion?.index ?? null),
      source: 'nftables',
      family: input.family,
      table: input.table,
      chain: input.chain,
      position,
      handle: input.handle,
      match,
      action,
      // Exact-size copies: these arrays live as long as the facts (see nft-match.ts).
      statements: collected.statements.length ? [...collected.statements] : [],
      counters: collected.counters,
      comment: input.comment,
      text,
      raw: unmodelledParts.length > 0 ? raw() : '',
      unmodelled: unmodelledParts.length > 0,
      unmodelledParts,
      expansion,
      ipf: null,
      fwadm: null,
    };
  };
  if (!collected.vmap) return [base(collected.match, finalAction(collected), null, [])];
  const entries = vmapEntries(collected.vmap.data, sets);
  // An empty named map decides nothing now, but elements can be added at any time: kept, verdict undetermined.
  if (!entries || entries.length === 0) {
    const match: RuleMatch = { ...collected.match, unmodelled: [...(collected.match.unmodelled ?? []), collected.vmap.text] };
    return [base(match, { kind: 'unmodelled', target: null, detail: collected.vmap.text }, null, [collected.vmap.text])];
  }
  // One model rule per distinct verdict; the keys of a map are disjoint, so their order does not matter.
  const groups = new Map<string, { verdict: unknown; keys: NftItem[] }>();
  for (const entry of entries) {
    const id = JSON.stringify(entry.verdict);
    const group = groups.get(id) ?? { verdict: entry.verdict, keys: [] };
    group.keys.push(entry.key);
    groups.set(id, group);
  }
  const setNames = typeof collected.vmap.data === 'string' ? [collected.vmap.data.slice(1)] : [];
  let index = 0;
  return [...groups.values()].map((group) => {
    const match = structuredClone(collected.match);
    const keyed = applyNftMatch(match, collected.vmap!.key, '==', { shape: 'set', items: group.keys, sets: setNames, dynamic: false, missing: null });
    if (!keyed) (match.unmodelled ??= []).push(collected.vmap!.text);
    const action = verdictAction(group.verdict) ?? { kind: 'unmodelled' as const, target: null, detail: renderStatement(group.verdict) };
    return base(match, action, { index: index++, count: groups.size }, keyed ? [] : [collected.vmap!.text]);
  });
}
