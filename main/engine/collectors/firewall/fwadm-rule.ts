// The text of one fwadm rule (fwrule(7)), as `fwadm list` prints it in its
// canonical form: `FROM <targets> TO <targets> ALLOW|BLOCK <proto> <ports>`.
//   targets: any | all vms | vm <uuid> | ip <addr> | subnet <cidr> |
//            tag <name> [= <value>] | ( <target> OR <target> … )
//   ports:   PORT n | PORT all | PORTS 80, 443, 8000 - 8100 |
//            ( PORT 80 AND PORT 443 ) | TYPE n [CODE m] | ( TYPE … AND … )
// Keywords are case-insensitive; tag names and values are double-quoted in
// the canonical form (`tag "role" = "www"`). An optional `PRIORITY n`
// follows (newer platforms).
import type { PortRange } from './firewall-model';

export interface FwadmTargets {
  any: boolean;
  allVms: boolean;
  vms: string[];
  networks: string[];
  tags: Array<{ name: string; value: string | null }>;
}

export interface FwadmRuleText {
  from: FwadmTargets;
  to: FwadmTargets;
  action: 'allow' | 'block';
  protocol: string;
  /** null: every port (`PORT all`, or protocols without ports). */
  ports: PortRange[] | null;
  icmpTypes: string[];
  priority: number | null;
}

type Token = { text: string; quoted: boolean };

function tokens(text: string): Token[] | null {
  const out: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index++;
    } else if (char === '"') {
      let value = '';
      index++;
      while (index < text.length && text[index] !== '"') {
        if (text[index] === '\\') index++;
        value += text[index] ?? '';
        index++;
      }
      if (index >= text.length) return null;
      index++;
      out.push({ text: value, quoted: true });
    } else if ('(),='.includes(char)) {
      out.push({ text: char, quoted: false });
      index++;
    } else {
      let end = index;
      while (end < text.length && !/[\s(),="]/.test(text[end]!)) end++;
      out.push({ text: text.slice(index, end), quoted: false });
      index = end;
    }
  }
  return out;
}

const word = (token: Token | undefined, expected: string) => token !== undefined && !token.quoted && token.text.toLowerCase() === expected;

export function parseFwadmRuleText(text: string): FwadmRuleText | null {
  const list = tokens(text);
  if (!list) return null;
  let index = 0;
  const targets = (): FwadmTargets | null => {
    const out: FwadmTargets = { any: false, allVms: false, vms: [], networks: [], tags: [] };
    const one = (): boolean => {
      const token = list[index++];
      if (word(token, 'any')) out.any = true;
      else if (word(token, 'all') && word(list[index], 'vms')) {
        index++;
        out.allVms = true;
      } else if (word(token, 'vm')) out.vms.push(list[index++]?.text ?? '');
      else if (word(token, 'ip') || word(token, 'subnet')) out.networks.push(list[index++]?.text ?? '');
      else if (word(token, 'tag')) {
        const name = list[index++]?.text ?? '';
        let value: string | null = null;
        if (list[index]?.text === '=' && !list[index]!.quoted) {
          index++;
          value = list[index++]?.text ?? '';
        }
        out.tags.push({ name, value });
      } else return false;
      return true;
    };
    if (list[index]?.text === '(' && !list[index]!.quoted) {
      index++;
      do {
        if (!one()) return null;
      } while (word(list[index], 'or') && ++index);
      if (list[index++]?.text !== ')') return null;
      return out;
    }
    return one() ? out : null;
  };
  if (!word(list[index++], 'from')) return null;
  const from = targets();
  if (!from || !word(list[index++], 'to')) return null;
  const to = targets();
  if (!to) return null;
  const actionWord = list[index++]?.text.toLowerCase();
  if (actionWord !== 'allow' && actionWord !== 'block') return null;
  const protocol = (list[index++]?.text ?? '').toLowerCase();
  if (!protocol) return null;
  const rule: FwadmRuleText = { from, to, action: actionWord, protocol: protocol === 'icmp6' ? 'ipv6-icmp' : protocol, ports: null, icmpTypes: [], priority: null };
  const portList = (): boolean => {
    // PORTS 80, 443, 8000 - 8100
    const ports: PortRange[] = [];
    for (;;) {
      const from = Number(list[index]?.text);
      if (!Number.isInteger(from)) return false;
      index++;
      let to = from;
      if (list[index]?.text === '-' || list[index]?.text.startsWith('-')) {
        const dash = list[index]!.text;
        index++;
        to = Number(dash === '-' ? list[index++]?.text : dash.slice(1));
        if (!Number.isInteger(to)) return false;
      }
      ports.push({ from, to });
      if (list[index]?.text !== ',') break;
      index++;
    }
    rule.ports = [...(rule.ports ?? []), ...ports];
    return true;
  };
  const portOrType = (): boolean => {
    const token = list[index++];
    if (word(token, 'port')) {
      if (word(list[index], 'all')) {
        index++;
        rule.ports = null;
        return true;
      }
      return portList();
    }
    if (word(token, 'ports')) return portList();
    if (word(token, 'type')) {
      const type = list[index++]?.text ?? '';
      if (word(list[index], 'code')) {
        index++;
        rule.icmpTypes.push(`${type} code ${list[index++]?.text ?? ''}`);
      } else rule.icmpTypes.push(type);
      return true;
    }
    return false;
  };
  if (list[index]?.text === '(' && !list[index]!.quoted) {
    index++;
    do {
      if (!portOrType()) return null;
    } while (word(list[index], 'and') && ++index);
    if (list[index++]?.text !== ')') return null;
  } else if (index < list.length && !word(list[index], 'priority')) {
    if (!portOrType()) return null;
  }
  if (word(list[index], 'priority')) {
    index++;
    rule.priority = Number(list[index++]?.text);
  }
  return index === list.length ? rule : null;
}
