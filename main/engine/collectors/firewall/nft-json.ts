// `nft -j list ruleset` (libnftables-json(5)) into the rule model. The
// document is one line: `{"nftables": [{"metainfo": …}, {"table": …},
// {"set": …}, {"chain": …}, {"rule": …}, …]}`. Element order differs by
// version (1.0.6: table, sets, chains, rules; 1.1.x: table, chains, sets,
// rules), so sets are indexed first and rules resolved afterwards. An empty
// ruleset is the metainfo alone. Errors are plain text on stderr even with
// -j ("Operation not permitted (you must be root)").
import { notText, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { chainId, emptyRuleset, type ChainHook, type FirewallChain, type FirewallRuleset, type RuleFamily } from './firewall-model';
import { nftRuleToModel } from './nft-rule';
import { parseNftSet, setTableKey, type NftSetIndex } from './nft-sets';
import { leadingKey, topLevelArrayElements } from './json-elements';
import { firstKey } from './nft-values';
import { toolFailure } from './tool-failure';
import { errorMessage } from '../../errors/error-message';

/** Above the general bound (parse-result.ts): 100k rules are 37 MB of nft -j (see bench:firewall). */
export const MAX_CHARS = 64 * 1024 * 1024;
/** An unmodelled rule's raw JSON is kept up to this length (the whole output is kept as evidence anyway). */
const MAX_RAW_CHARS = 4000;

/** nft's symbolic priorities (nft(8) "PRIORITY"), for documents that print them by name. */
const NAMED_PRIORITIES: Record<string, number> = { raw: -300, mangle: -150, dstnat: -100, filter: 0, security: 50, srcnat: 100, out: 100 };
const HOOKS = new Set<ChainHook>(['ingress', 'prerouting', 'input', 'forward', 'output', 'postrouting', 'egress']);
const FAMILIES = new Set<RuleFamily>(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function priority(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') return NAMED_PRIORITIES[value] ?? (/^-?\d+$/.test(value) ? Number(value) : null);
  if (isObject(value) && typeof value.base === 'string') {
    const base = NAMED_PRIORITIES[value.base];
    return base === undefined ? null : base + (typeof value.offset === 'number' ? value.offset : 0);
  }
  return null;
}

function compact(value: unknown, limit = 2000): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested deeper than JSON.stringify's stack allows: not nft output.
    return '(an object nested too deeply to show)';
  }
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

export function parseNftJson(stdout: string, stderr: string, exitCode: number | null): Parsed<FirewallRuleset> {
  const failure = toolFailure('nft', stdout, stderr, exitCode);
  if (failure) return failure;
  if (stdout.length > MAX_CHARS)
    return parsedFailure('unparsed', `nft -j output is ${(stdout.length / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_CHARS / 1024 / 1024} MB OpsDeck reads; refused as too large`);
  const binary = notText(stdout);
  if (binary) return parsedFailure('unparsed', `not nft -j output: ${binary}`);
  const text = stdout.trim();
  if (text === '') {
    // `nft list ruleset` prints nothing for an empty ruleset; -j prints the metainfo. Either way: no rules.
    return parsedOk(emptyRuleset(), ['nft printed nothing: no ruleset is loaded']);
  }
  if (!text.startsWith('{')) {
    const hint = /^(table|#)\s/.test(text) ? ' (this is `nft list ruleset` text; OpsDeck reads `nft -j list ruleset`)' : '';
    return parsedFailure('unparsed', `nft -j output is not JSON${hint}`);
  }
  try {
    const slices = topLevelArrayElements(text, 'nftables');
    const built = slices ? buildRuleset(slices.map((slice) => ({ text: slice }))) : null;
    if (built) return recognised(built);
    const document: unknown = JSON.parse(text);
    if (!isObject(document) || !Array.isArray(document.nftables)) return parsedFailure('unparsed', 'not nft -j output: the JSON has no "nftables" array');
    return recognised(buildRuleset(document.nftables.map((value: unknown) => ({ value }))));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return parsedFailure('unparsed', `nft -j output is not valid JSON (${error.message}); truncated?`);
  }
}

/** nft prints a metainfo object first in every JSON listing (nft 0.9.1 on): without it, the document is not nft's. */
function recognised([ruleset, warnings, metainfo]: [FirewallRuleset, string[], boolean]): Parsed<FirewallRuleset> {
  if (!metainfo) return parsedFailure('unparsed', 'not nft -j output: the "nftables" array has no metainfo object (nft prints one first)');
  return parsedOk(ruleset, warnings);
}

/** One element of the document: its text (parsed when needed) or, for documents of another layout, its parsed value. */
type Element = { text: string } | { value: unknown };

interface PendingRule {
  body: unknown;
  /** The element as nft printed it, when read from text. */
  text: string | null;
}

function buildRuleset(elements: Element[]): [FirewallRuleset, string[], boolean] {
  const ruleset = emptyRuleset();
  let metainfo = false;
  const warnings: string[] = [];
  const setsByTable = new Map<string, NftSetIndex>();
  // Rules are read after every set (sets may be listed after the rules that use them); from text they are parsed only then.
  const pending: PendingRule[] = [];
  for (const element of elements) {
    if ('text' in element && leadingKey(element.text) === 'rule') {
      pending.push({ body: null, text: element.text });
      continue;
    }
    const value = 'text' in element ? (JSON.parse(element.text) as unknown) : element.value;
    if (isObject(value) && firstKey(value) === 'metainfo') metainfo = true;
    try {
      readElement(value, ruleset, setsByTable, pending, warnings);
    } catch (error) {
      // Only a hostile shape gets here (nesting deep enough to exhaust the stack of a recursive step).
      ruleset.unmodelledObjects.push(compact(value));
      warnings.push(`an nft object could not be read (${errorMessage(error)}); kept verbatim`);
    }
  }
  const positions = new Map<string, number>();
  for (const rule of pending) {
    const body = rule.text === null ? rule.body : (JSON.parse(rule.text) as Record<string, unknown>).rule;
    try {
      if (isObject(body)) readRule(body, rule.text, ruleset, setsByTable, positions);
      else ruleset.unmodelledObjects.push(rule.text ?? compact({ rule: body }));
    } catch (error) {
      ruleset.unmodelledObjects.push(compact({ rule: body }));
      warnings.push(`an nft rule could not be read (${errorMessage(error)}); kept verbatim`);
    }
  }
  if (ruleset.unmodelledObjects.length) warnings.push(`${ruleset.unmodelledObjects.length} nft object(s) not modelled (kept verbatim)`);
  return [ruleset, warnings, metainfo];
}

function readElement(element: unknown, ruleset: FirewallRuleset, setsByTable: Map<string, NftSetIndex>, pending: PendingRule[], warnings: string[]): void {
  if (!isObject(element)) {
    ruleset.unmodelledObjects.push(compact(element));
    return;
  }
  const kind = firstKey(element);
  const body = kind === undefined ? undefined : element[kind];
  switch (kind) {
    case 'metainfo':
      if (isObject(body) && typeof body.version === 'string') ruleset.versions.nftables = body.version;
      break;
    case 'table':
      if (isObject(body) && typeof body.name === 'string' && FAMILIES.has(body.family as RuleFamily)) {
        const family = body.family as RuleFamily;
        ruleset.tables.push({ id: `nftables:${family}/${body.name}`, source: 'nftables', family, name: body.name, handle: typeof body.handle === 'number' ? body.handle : null });
      } else ruleset.unmodelledObjects.push(compact(element));
      break;
    case 'chain': {
      const chain = chainFrom(body);
      if (chain) ruleset.chains.push(chain);
      else ruleset.unmodelledObjects.push(compact(element));
      break;
    }
    case 'set':
    case 'map': {
      const parsed = parseNftSet(body, kind === 'map');
      if (!parsed) {
        ruleset.unmodelledObjects.push(compact(element));
        break;
      }
      warnings.push(...parsed.warnings);
      const index = setsByTable.get(parsed.tableKey) ?? new Map();
      index.set(parsed.entry.model.name, parsed.entry);
      setsByTable.set(parsed.tableKey, index);
      ruleset.sets.push(parsed.entry.model);
      break;
    }
    case 'rule':
      if (isObject(body)) pending.push({ body, text: null });
      else ruleset.unmodelledObjects.push(compact(element));
      break;
    default:
      // flowtables, named counters/quotas/limits, ct helpers, secmarks, synproxies, elements…
      ruleset.unmodelledObjects.push(compact(element));
  }
}

function readRule(body: Record<string, unknown>, text: string | null, ruleset: FirewallRuleset, setsByTable: Map<string, NftSetIndex>, positions: Map<string, number>): void {
  const family = body.family as RuleFamily;
  if (!FAMILIES.has(family) || typeof body.table !== 'string' || typeof body.chain !== 'string') {
    ruleset.unmodelledObjects.push(compact({ rule: body }));
    return;
  }
  const key = chainId('nftables', family, body.table, body.chain);
  const position = positions.get(key) ?? 0;
  positions.set(key, position + 1);
  const sets = setsByTable.get(setTableKey(family, body.table)) ?? new Map();
  const input = {
    family,
    table: body.table,
    chain: body.chain,
    handle: typeof body.handle === 'number' ? body.handle : null,
    comment: typeof body.comment === 'string' ? body.comment : null,
    expr: body.expr,
  };
  for (const rule of nftRuleToModel(input, position, sets, () => (text !== null && text.length <= MAX_RAW_CHARS ? text : compact({ rule: body }, MAX_RAW_CHARS)))) ruleset.rules.push(rule);
}

function chainFrom(body: unknown): FirewallChain | null {
  if (!isObject(body) || typeof body.name !== 'string' || typeof body.table !== 'string' || !FAMILIES.has(body.family as RuleFamily)) return null;
  const family = body.family as RuleFamily;
  const hook = typeof body.hook === 'string' && HOOKS.has(body.hook as ChainHook) ? (body.hook as ChainHook) : null;
  const device = typeof body.dev === 'string' ? body.dev : typeof body.device === 'string' ? body.device : Array.isArray(body.dev) ? body.dev.map(String).join(',') : null;
  return {
    id: chainId('nftables', family, body.table, body.name),
    source: 'nftables',
    family,
    table: body.table,
    name: body.name,
    hook,
    type: typeof body.type === 'string' ? body.type : null,
    priority: hook ? priority(body.prio) : null,
    policy: body.policy === 'drop' ? 'drop' : body.policy === 'accept' || hook ? 'accept' : null,
    device,
    counters: null,
    evaluation: 'first-match',
    handle: typeof body.handle === 'number' ? body.handle : null,
  };
}
