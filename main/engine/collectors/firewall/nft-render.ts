// nft -j expressions and statements rendered back into nft's own syntax
// (`tcp dport { 80, 443 } counter accept`), for the rules table and for
// finding evidence: the JSON is exact but unreadable. Best effort — anything
// unknown is shown as compact JSON, never dropped. The recursion follows
// the input's nesting; nft-json.ts catches the stack overflow of a hostile
// document per element.
import { firstKey } from './nft-values';

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compact(value: Json): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function quoteIfNeeded(text: string): string {
  return /^[A-Za-z0-9_.:/@*+-]+$/.test(text) ? text : JSON.stringify(text);
}

export function renderExpr(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteIfNeeded(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(renderExpr).join(',');
  if (!isObject(value)) return compact(value);
  const key = firstKey(value);
  const body = key === undefined ? undefined : value[key];
  switch (key) {
    case 'payload': {
      if (isObject(body) && typeof body.protocol === 'string') return `${body.protocol} ${String(body.field)}`;
      return isObject(body) ? `@${String(body.base)},${String(body.offset)},${String(body.len)}` : compact(value);
    }
    case 'meta': {
      const meta = isObject(body) ? String(body.key) : '?';
      // nft prints these meta keys without the `meta` keyword (meta_key_is_unqualified() in src/meta.c).
      return ['iif', 'iifname', 'oif', 'oifname', 'iifgroup', 'oifgroup'].includes(meta) ? meta : `meta ${meta}`;
    }
    case 'ct':
      return isObject(body) ? `ct${body.dir ? ` ${String(body.dir)}` : ''} ${String(body.key)}` : compact(value);
    case 'fib':
      return isObject(body) ? `fib ${Array.isArray(body.flags) ? body.flags.join(' . ') : String(body.flags)} ${String(body.result)}` : compact(value);
    case 'prefix':
      return isObject(body) ? `${String(body.addr)}/${String(body.len)}` : compact(value);
    case 'range':
      return Array.isArray(body) ? `${renderExpr(body[0])}-${renderExpr(body[1])}` : compact(value);
    case 'set':
      return Array.isArray(body) ? `{ ${body.map(renderSetElement).join(', ')} }` : renderExpr(body);
    case 'concat':
      return Array.isArray(body) ? body.map(renderExpr).join(' . ') : compact(value);
    case 'elem':
      return isObject(body) ? renderExpr(body.val) : compact(value);
    case '&':
    case '|':
    case '^':
    case '<<':
    case '>>':
      return Array.isArray(body) ? body.map((part) => (Array.isArray(part) ? `(${part.map(renderExpr).join(' | ')})` : renderExpr(part))).join(` ${key} `) : compact(value);
    case 'exthdr':
      return isObject(body) ? `exthdr ${String(body.name)} ${String(body.field ?? '')}`.trim() : compact(value);
    case 'tcp option':
      return isObject(body) ? `tcp option ${String(body.name)} ${String(body.field ?? '')}`.trim() : compact(value);
    case 'socket':
      return isObject(body) ? `socket ${String(body.key)}` : compact(value);
    case 'rt':
      return isObject(body) ? `rt ${String(body.key)}` : compact(value);
    case 'numgen':
      return isObject(body) ? `numgen ${String(body.mode)} mod ${String(body.mod)}` : compact(value);
    default:
      return compact(value);
  }
}

function renderSetElement(element: Json): string {
  if (Array.isArray(element) && element.length === 2) return `${renderExpr(element[0])} : ${renderStatement(element[1])}`;
  return renderExpr(element);
}

function renderMatch(body: Record<string, Json>): string {
  const op = String(body.op ?? '==');
  const left = renderExpr(body.left);
  const isFib = typeof body.left === 'object' && body.left !== null && 'fib' in body.left;
  // `fib … oif missing` is printed by -j as `false`.
  const right = isFib && body.right === false ? 'missing' : renderExpr(body.right);
  const binary = typeof body.left === 'object' && body.left !== null && '&' in body.left;
  // nft omits the implicit operators (== for values and sets, `in` for flags), except after a bitwise expression.
  return (op === '==' && !binary) || op === 'in' ? `${left} ${right}` : `${left} ${op} ${right}`;
}

export function renderStatement(statement: Json): string {
  if (!isObject(statement)) return compact(statement);
  const key = firstKey(statement);
  if (key === undefined) return '{}';
  const body = statement[key];
  const field = (name: string): Json => (isObject(body) ? body[name] : undefined);
  switch (key) {
    case 'match':
      return isObject(body) ? renderMatch(body) : compact(statement);
    case 'accept':
    case 'drop':
    case 'continue':
    case 'return':
    case 'notrack':
    case 'masquerade':
      return body === null ? key : `${key} ${renderNatArgs(body)}`.trim();
    case 'jump':
    case 'goto':
      return `${key} ${String(field('target'))}`;
    case 'counter':
      if (typeof body === 'string') return `counter name ${quoteIfNeeded(body)}`;
      return field('packets') === undefined ? 'counter' : `counter packets ${String(field('packets'))} bytes ${String(field('bytes'))}`;
    case 'log': {
      const parts = ['log'];
      if (field('prefix') !== undefined) parts.push(`prefix ${JSON.stringify(String(field('prefix')))}`);
      if (field('level') !== undefined) parts.push(`level ${String(field('level'))}`);
      if (field('group') !== undefined) parts.push(`group ${String(field('group'))}`);
      return parts.join(' ');
    }
    case 'limit': {
      if (typeof body === 'string') return `limit name ${quoteIfNeeded(body)}`;
      const over = field('inv') === true ? 'over ' : '';
      const unit = field('rate_unit') && field('rate_unit') !== 'packets' ? ` ${String(field('rate_unit'))}` : '';
      const burst = field('burst') !== undefined && field('burst') !== 0 ? ` burst ${String(field('burst'))} packets` : '';
      return `limit rate ${over}${String(field('rate'))}${unit}/${String(field('per'))}${burst}`;
    }
    case 'reject': {
      const type = field('type');
      const expr = field('expr');
      if (type === undefined) return 'reject';
      return expr === undefined ? `reject with ${String(type)}` : `reject with ${String(type)} type ${String(expr)}`;
    }
    case 'snat':
    case 'dnat':
    case 'redirect':
      return `${key} ${renderNatArgs(body)}`.trim();
    case 'queue':
      return `queue${field('num') !== undefined ? ` num ${renderExpr(field('num'))}` : ''}`;
    case 'vmap':
      return `${renderExpr(field('key'))} vmap ${renderExpr(field('data'))}`;
    case 'mangle':
      return `${renderExpr(field('key'))} set ${renderExpr(field('value'))}`;
    case 'quota':
      if (typeof body === 'string') return `quota name ${quoteIfNeeded(body)}`;
      return `quota ${field('inv') === true ? 'over ' : ''}${String(field('val'))} ${String(field('val_unit') ?? 'bytes')}`;
    case 'ct count':
      if (typeof body === 'string') return `ct count name ${quoteIfNeeded(body)}`;
      return `ct count ${field('inv') === true ? 'over ' : ''}${String(field('val'))}`;
    case 'set':
      return `${String(field('op'))} ${String(field('set'))} { ${renderExpr(field('elem'))}${renderNested(field('stmt'))} }`;
    case 'meter':
      return `meter ${String(field('name'))}${field('size') !== undefined ? ` size ${String(field('size'))}` : ''} { ${renderExpr(field('key'))}${renderNested(field('stmt'))} }`;
    case 'xt':
      return `xt ${String(field('type'))} ${String(field('name'))}`;
    default:
      return body === null ? key : `${key} ${compact(body)}`;
  }
}

/** A set/meter's statements: an array up to nft 1.0.5, one object from 1.0.6. */
function renderNested(stmt: Json): string {
  if (stmt === undefined || stmt === null) return '';
  return ` ${(Array.isArray(stmt) ? stmt : [stmt]).map(renderStatement).join(' ')}`;
}

function renderNatArgs(body: Json): string {
  if (!isObject(body)) return '';
  const addr = body.addr !== undefined ? renderExpr(body.addr) : '';
  const port = body.port !== undefined ? `:${renderExpr(body.port)}` : '';
  return addr || port ? `to ${addr}${port}` : '';
}

export function renderRule(statements: Json[], comment: string | null): string {
  const text = statements.map(renderStatement).join(' ');
  return comment === null ? text : `${text} comment ${JSON.stringify(comment)}`;
}
