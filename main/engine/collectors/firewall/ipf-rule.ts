// One ipf rule as ipfstat prints it (ipf(5), ipfilter printfr()):
//   pass in quick on net0 proto tcp from 192.0.2.0/24 to any port = ssh flags S/SA keep state keep frags
//   block in log all
//   block return-rst in quick proto tcp from any to any port 8000 >< 8081
// Words in order: action (pass, block [return-rst|return-icmp…], log,
// count, skip N, call, auth, preauth), direction, options (log, quick, on
// IF, dup-to, to, reply-to), `family inet|inet6`, `proto P` (`tcp/udp` is
// both), `all` or `from A [port …] to B [port …]`, `with …`, `flags X/Y`,
// `icmp-type T [code C]`, `keep state|frags`, `head N`, `group N`.
// Ports print as /etc/services names when they resolve (`port = ssh`).
// Address negation prints as `!` before the address. Rule groups (head/
// group) are not modelled: such rules only run when their head matched.
import type { PortRange, RuleAction, RuleMatch } from './firewall-model';
import { portNumber, protocolName } from './ip-services';

export interface IpfRuleParts {
  direction: 'in' | 'out';
  quick: boolean;
  match: RuleMatch;
  action: RuleAction;
  statements: string[];
  unmodelledParts: string[];
}

const PORT_OPS: Record<string, string> = { '=': '=', eq: '=', '!=': '!=', ne: '!=', '<': '<', lt: '<', '>': '>', gt: '>', '<=': '<=', le: '<=', '>=': '>=', ge: '>=' };
const TCP_FLAG_LETTERS: Record<string, string> = { F: 'fin', S: 'syn', R: 'rst', P: 'psh', A: 'ack', U: 'urg', E: 'ecn', C: 'cwr', W: 'cwr' };

/** null when the line is not an ipf rule at all. */
export function parseIpfRule(text: string): IpfRuleParts | null {
  const words = text.trim().split(/\s+/);
  let index = 0;
  const next = () => words[index++];
  const peek = () => words[index];
  const match: RuleMatch = {};
  const statements: string[] = [];
  const unmodelledParts: string[] = [];
  const unmodelled = (part: string, asMatch = true) => {
    unmodelledParts.push(part);
    if (asMatch) (match.unmodelled ??= []).push(part);
  };
  const verb = next();
  let action: RuleAction;
  switch (verb) {
    case 'pass':
      action = { kind: 'accept', target: null, detail: null };
      break;
    case 'block': {
      action = { kind: 'drop', target: null, detail: null };
      if (peek()?.startsWith('return-')) action = { kind: 'reject', target: null, detail: next()! };
      break;
    }
    case 'log':
      action = { kind: 'log', target: null, detail: null };
      break;
    case 'count':
      action = { kind: 'counter', target: null, detail: null };
      break;
    case 'skip':
    case 'call':
    case 'auth':
    case 'preauth':
    case 'decapsulate':
      action = { kind: 'unmodelled', target: verb, detail: null };
      if (verb === 'skip' || verb === 'call') action.detail = next() ?? null;
      if (verb === 'call' && action.detail === 'now') action.detail = next() ?? null;
      unmodelled(`${verb}${action.detail ? ` ${action.detail}` : ''}`, false);
      break;
    default:
      return null;
  }
  const direction = next();
  if (direction !== 'in' && direction !== 'out') return null;
  let quick = false;
  while (index < words.length) {
    const word = next()!;
    switch (word) {
      case 'quick':
        quick = true;
        break;
      case 'log': {
        const options = ['body', 'first', 'or-block'];
        let logText = 'log';
        while (options.includes(peek() ?? '')) logText += ` ${next()}`;
        if (peek() === 'level') {
          index++;
          logText += ` level ${next() ?? ''}`;
        }
        statements.push(logText);
        break;
      }
      case 'on': {
        const names = (next() ?? '').split(',');
        const key = direction === 'in' ? 'inInterfaces' : 'outInterfaces';
        (match[key] ??= []).push({ negate: false, values: names, sets: [] });
        break;
      }
      case 'dup-to':
      case 'to':
      case 'reply-to':
      case 'fastroute':
        statements.push(`${word} ${next() ?? ''}`.trim());
        break;
      case 'family': {
        const family = next();
        if (family === 'inet') match.ipVersion = 4;
        else if (family === 'inet6') match.ipVersion = 6;
        break;
      }
      case 'proto': {
        const proto = next() ?? '';
        const values = proto === 'tcp/udp' ? ['tcp', 'udp'] : [protocolName(proto)];
        (match.protocols ??= []).push({ negate: false, values, sets: [] });
        break;
      }
      case 'all':
        break;
      case 'from':
        index = endpoint(words, index, match, 'source', unmodelled);
        if (words[index] === 'to') index = endpoint(words, index + 1, match, 'destination', unmodelled);
        break;
      case 'flags': {
        const spec = next() ?? '';
        const [set = '', mask = 'FSRPAU'] = spec.split('/');
        const letters = (part: string) => [...part].map((letter) => TCP_FLAG_LETTERS[letter.toUpperCase()]).filter((flag): flag is string => Boolean(flag));
        (match.extras ??= []).push({ kind: 'tcp-flags', negate: false, op: '==', mask: letters(mask), value: letters(set) });
        break;
      }
      case 'icmp-type': {
        const type = next() ?? '';
        let types = [type];
        if (peek() === 'code') {
          index++;
          types = [`${type} code ${next() ?? ''}`];
        }
        (match.extras ??= []).push({ kind: 'icmp-type', negate: false, types });
        break;
      }
      case 'keep':
        statements.push(`keep ${next() ?? ''}`.trim());
        // `keep state (limit 10, strict, …)` options are printed in parentheses.
        if (peek()?.startsWith('(')) {
          while (index < words.length && !words[index - 1]!.endsWith(')')) index++;
        }
        break;
      case 'head':
        statements.push(`head ${next() ?? ''}`);
        break;
      case 'group':
        unmodelled(`group ${next() ?? ''} (runs only when its group head matched)`);
        break;
      case 'with':
      case 'not':
      case 'tos':
      case 'ttl': {
        const value = next() ?? '';
        if (word === 'with' && (value === 'not' || value === 'no')) unmodelled(`with ${value} ${next() ?? ''}`);
        else unmodelled(`${word} ${value}`);
        break;
      }
      default:
        unmodelled(word);
    }
  }
  return { direction, quick, match, action, statements, unmodelledParts };
}

/** `[!] any|ADDR[/MASK]|<thishost>|pool/N [port …]`; returns the index after it. */
function endpoint(words: string[], start: number, match: RuleMatch, side: 'source' | 'destination', unmodelled: (part: string) => void): number {
  let index = start;
  let negate = false;
  let word = words[index++] ?? '';
  if (word === '!') {
    negate = true;
    word = words[index++] ?? '';
  } else if (word.startsWith('!')) {
    negate = true;
    word = word.slice(1);
  }
  if (word !== 'any') {
    if (/^[0-9a-fA-F:.]+(\/[0-9.]+)?$/.test(word) && /[.:]/.test(word)) {
      const key = side === 'source' ? 'sources' : 'destinations';
      // ipf prints a single host as `/32` (`/128`); parseNetwork understands both forms and dotted masks.
      (match[key] ??= []).push({ negate, networks: [word], sets: [], dynamic: false });
    } else unmodelled(`${side === 'source' ? 'from' : 'to'} ${negate ? '!' : ''}${word}`);
  } else if (negate) unmodelled(`${side === 'source' ? 'from' : 'to'} !any`);
  if (words[index] === 'port') {
    const parsed = portSpec(words, index + 1);
    if (parsed.ranges) {
      const key = side === 'source' ? 'sourcePorts' : 'destinationPorts';
      (match[key] ??= []).push({ negate: parsed.negate, ranges: parsed.ranges, sets: [] });
    } else unmodelled(`port ${words.slice(index + 1, parsed.next).join(' ')}`);
    index = parsed.next;
  }
  return index;
}

function portSpec(words: string[], start: number): { ranges: PortRange[] | null; negate: boolean; next: number } {
  const first = words[start] ?? '';
  const op = PORT_OPS[first];
  if (op) {
    const port = portNumber(words[start + 1] ?? '');
    const next = start + 2;
    if (port === null) return { ranges: null, negate: false, next };
    switch (op) {
      case '=':
        return { ranges: [{ from: port, to: port }], negate: false, next };
      case '!=':
        return { ranges: [{ from: port, to: port }], negate: true, next };
      case '<':
        return { ranges: port === 0 ? [] : [{ from: 0, to: port - 1 }], negate: false, next };
      case '<=':
        return { ranges: [{ from: 0, to: port }], negate: false, next };
      case '>':
        return { ranges: port >= 65535 ? [] : [{ from: port + 1, to: 65535 }], negate: false, next };
      default:
        return { ranges: [{ from: port, to: 65535 }], negate: false, next };
    }
  }
  if (first.includes(':')) {
    const [from, to] = first.split(':').map((part) => portNumber(part));
    return { ranges: from != null && to != null ? [{ from, to }] : null, negate: false, next: start + 1 };
  }
  const low = portNumber(first);
  const range = words[start + 1];
  const high = portNumber(words[start + 2] ?? '');
  const next = start + 3;
  if (low === null || high === null) return { ranges: null, negate: false, next };
  // `a >< b`: strictly between; `a <> b`: outside [a, b] (ipf(5)).
  if (range === '><') return { ranges: high - low > 1 ? [{ from: low + 1, to: high - 1 }] : [], negate: false, next };
  if (range === '<>') return { ranges: [{ from: low, to: high }], negate: true, next };
  if (range === ':') return { ranges: [{ from: low, to: high }], negate: false, next };
  return { ranges: null, negate: false, next };
}
