// The options of one iptables-save `-A CHAIN …` line into the rule model.
// iptables-save prints core options in short form (-s -d -p -i -o -f -m -j
// -g), a match module's options after its `-m name`, negation as `!` before
// the option, and the target with its options last. It normalises rules
// (`-p tcp --dport 22` is saved as `-p tcp -m tcp --dport 22`; multiport
// ranges as `1000:2000`). A module the model does not cover is kept as
// unmodelled text with its options.
import type { PortRange, RuleAction, RuleMatch } from './firewall-model';
import { portNumber, protocolName } from './ip-services';
import type { IptablesWord } from './iptables-words';

export interface IptablesRuleParts {
  match: RuleMatch;
  action: RuleAction;
  statements: string[];
  comment: string | null;
  unmodelledParts: string[];
}

const CORE = new Set([
  '-s',
  '-d',
  '-p',
  '-i',
  '-o',
  '-f',
  '-m',
  '-j',
  '-g',
  '--source',
  '--destination',
  '--protocol',
  '--in-interface',
  '--out-interface',
  '--fragment',
  '--match',
  '--jump',
  '--goto',
]);
const VERDICTS: Record<string, RuleAction['kind']> = { ACCEPT: 'accept', DROP: 'drop', REJECT: 'reject', RETURN: 'return', QUEUE: 'queue', NFQUEUE: 'queue' };
const LOGGERS = new Set(['LOG', 'NFLOG', 'ULOG', 'TRACE']);
const NAT = new Set(['MASQUERADE', 'SNAT', 'DNAT', 'REDIRECT', 'NETMAP']);

function isOption(word: IptablesWord | undefined): boolean {
  return word !== undefined && !word.quoted && (word.text.startsWith('-') || word.text === '!') && !/^-\d/.test(word.text);
}

function ports(text: string): PortRange[] | null {
  const out: PortRange[] = [];
  for (const part of text.split(',')) {
    const [fromText = '', toText] = part.split(':');
    const from = fromText === '' ? 0 : portNumber(fromText);
    const to = toText === undefined ? from : toText === '' ? 65535 : portNumber(toText);
    if (from === null || to === null) return null;
    out.push({ from, to });
  }
  return out;
}

function list<T>(match: RuleMatch, key: keyof RuleMatch): T[] {
  const existing = match[key] as T[] | undefined;
  if (existing) return existing;
  const created: T[] = [];
  (match as Record<string, unknown>)[key] = created;
  return created;
}

/** Parses the words after `-A CHAIN`. */
export function iptablesRuleParts(words: IptablesWord[]): IptablesRuleParts {
  const match: RuleMatch = {};
  const statements: string[] = [];
  const unmodelledParts: string[] = [];
  let comment: string | null = null;
  let action: RuleAction = { kind: 'none', target: null, detail: null };
  let module = '';
  let negate = false;
  let index = 0;
  const take = (): string[] => {
    const values: string[] = [];
    while (index < words.length && !isOption(words[index])) values.push(words[index++]!.text);
    return values;
  };
  const unmodelled = (text: string) => {
    unmodelledParts.push(text);
    (match.unmodelled ??= []).push(text);
  };
  while (index < words.length) {
    const word = words[index++]!;
    if (word.text === '!' && !word.quoted) {
      negate = true;
      continue;
    }
    const option = word.text;
    const wasNegated = negate;
    negate = false;
    const not = wasNegated ? '! ' : '';
    if (option === '-j' || option === '--jump' || option === '-g' || option === '--goto') {
      const target = words[index++]?.text ?? '';
      const rest = words
        .slice(index)
        .map((each) => (each.quoted ? JSON.stringify(each.text) : each.text))
        .join(' ');
      index = words.length;
      action = targetAction(target, option === '-g' || option === '--goto', rest);
      if (action.kind === 'log' || action.kind === 'nat' || action.kind === 'other') statements.push(`${target}${rest ? ` ${rest}` : ''}`);
      continue;
    }
    if (CORE.has(option)) {
      const values = option === '-f' || option === '--fragment' ? [] : take();
      const value = values[0] ?? '';
      switch (option) {
        case '-s':
        case '--source':
          list<NonNullable<RuleMatch['sources']>[number]>(match, 'sources').push({ negate: wasNegated, networks: value.split(','), sets: [], dynamic: false });
          break;
        case '-d':
        case '--destination':
          list<NonNullable<RuleMatch['destinations']>[number]>(match, 'destinations').push({ negate: wasNegated, networks: value.split(','), sets: [], dynamic: false });
          break;
        case '-p':
        case '--protocol':
          if (value !== 'all' || wasNegated) list<NonNullable<RuleMatch['protocols']>[number]>(match, 'protocols').push({ negate: wasNegated, values: [protocolName(value)], sets: [] });
          break;
        case '-i':
        case '--in-interface':
        case '-o':
        case '--out-interface':
          list<NonNullable<RuleMatch['inInterfaces']>[number]>(match, option === '-i' || option === '--in-interface' ? 'inInterfaces' : 'outInterfaces').push({
            negate: wasNegated,
            values: [value],
            sets: [],
          });
          break;
        case '-f':
        case '--fragment':
          list<NonNullable<RuleMatch['extras']>[number]>(match, 'extras').push({ kind: 'fragment', negate: wasNegated });
          break;
        case '-m':
        case '--match':
          module = value;
          break;
      }
      continue;
    }
    // A module option: `--dport 22`, `--ctstate RELATED,ESTABLISHED`, `--comment web`…
    const values = take();
    const handled = moduleOption(match, module, option, values, wasNegated, (text) => (comment = text));
    if (!handled) unmodelled(`${not}${module ? `-m ${module} ` : ''}${option}${values.length ? ` ${values.join(' ')}` : ''}`);
  }
  finishModules(words, match, unmodelled);
  return { match, action, statements, comment, unmodelledParts };
}

function targetAction(target: string, isGoto: boolean, rest: string): RuleAction {
  const detail = rest || null;
  if (isGoto) return { kind: 'goto', target, detail };
  const verdict = VERDICTS[target];
  if (verdict) return { kind: verdict, target: null, detail };
  if (LOGGERS.has(target)) return { kind: 'log', target: target, detail };
  if (NAT.has(target)) return { kind: 'nat', target: target.toLowerCase(), detail };
  // Extension targets that mark, classify or copy packets do not end their path.
  if (PASSIVE_TARGETS.has(target)) return { kind: 'other', target, detail };
  // TPROXY/SYNPROXY divert or answer the packet themselves.
  if (target === 'TPROXY' || target === 'SYNPROXY') return { kind: 'unmodelled', target, detail };
  return { kind: 'jump', target, detail };
}

const PASSIVE_TARGETS = new Set([
  'MARK',
  'CONNMARK',
  'CT',
  'NOTRACK',
  'TCPMSS',
  'CHECKSUM',
  'DSCP',
  'TOS',
  'TTL',
  'HL',
  'CLASSIFY',
  'SECMARK',
  'CONNSECMARK',
  'SET',
  'TEE',
  'AUDIT',
  'IDLETIMER',
  'LED',
  'RATEEST',
  'HMARK',
  'ECN',
]);

function moduleOption(match: RuleMatch, module: string, option: string, values: string[], negate: boolean, setComment: (text: string) => void): boolean {
  const value = values[0] ?? '';
  const extras = () => list<NonNullable<RuleMatch['extras']>[number]>(match, 'extras');
  switch (option) {
    case '--dport':
    case '--destination-port':
    case '--dports':
    case '--destination-ports':
    case '--sport':
    case '--source-port':
    case '--sports':
    case '--source-ports': {
      const ranges = ports(value);
      if (!ranges) return false;
      const key = option.startsWith('--d') ? 'destinationPorts' : 'sourcePorts';
      list<NonNullable<RuleMatch['destinationPorts']>[number]>(match, key).push({ negate, ranges, sets: [] });
      return true;
    }
    case '--ports': {
      // multiport --ports: source OR destination port in the list.
      const ranges = ports(value);
      if (!ranges) return false;
      list<NonNullable<RuleMatch['alternatives']>[number]>(match, 'alternatives').push({
        negate,
        options: [{ destinationPorts: [{ negate: false, ranges, sets: [] }] }, { sourcePorts: [{ negate: false, ranges, sets: [] }] }],
        sets: [],
      });
      return true;
    }
    case '--ctstate':
    case '--state':
      list<NonNullable<RuleMatch['ctStates']>[number]>(match, 'ctStates').push({ negate, values: value.toLowerCase().split(','), sets: [] });
      return true;
    case '--comment':
      setComment(values.join(' '));
      return true;
    case '--tcp-flags': {
      const [mask = '', set = ''] = values;
      const flags = (text: string) =>
        text.toUpperCase() === 'NONE'
          ? []
          : text
              .toLowerCase()
              .split(',')
              .map((flag) => (flag === 'all' ? 'fin,syn,rst,psh,ack,urg' : flag))
              .join(',')
              .split(',');
      extras().push({ kind: 'tcp-flags', negate, op: '==', mask: flags(mask), value: flags(set) });
      return true;
    }
    case '--syn':
      extras().push({ kind: 'tcp-flags', negate, op: '==', mask: ['syn', 'rst', 'ack', 'fin'], value: ['syn'] });
      return true;
    case '--icmp-type':
    case '--icmpv6-type':
      extras().push({ kind: 'icmp-type', negate, types: [value] });
      return true;
    case '--src-type':
    case '--dst-type':
      if (module !== 'addrtype') return false;
      extras().push({ kind: 'address-type', side: option === '--src-type' ? 'source' : 'destination', negate, types: value.toLowerCase().split(',') });
      return true;
    case '--pkt-type':
      extras().push({ kind: 'packet-type', negate, types: [value.toLowerCase()] });
      return true;
    case '--src-range':
    case '--dst-range':
      list<NonNullable<RuleMatch['sources']>[number]>(match, option === '--src-range' ? 'sources' : 'destinations').push({ negate, networks: [value], sets: [], dynamic: false });
      return true;
    case '--limit':
    case '--hashlimit-upto':
      extras().push({ kind: 'rate-limit', over: false, text: `-m ${module} ${option} ${value}` });
      return true;
    case '--hashlimit-above':
    case '--connlimit-above':
      extras().push({ kind: 'rate-limit', over: !negate, text: `-m ${module} ${option} ${value}` });
      return true;
    case '--connlimit-upto':
      extras().push({ kind: 'rate-limit', over: negate, text: `-m ${module} ${option} ${value}` });
      return true;
    case '--hitcount':
      // recent --update/--rcheck --hitcount N: matches once a source exceeds the count.
      extras().push({ kind: 'rate-limit', over: !negate, text: `-m recent --hitcount ${value}` });
      return true;
    case '--invert':
      if (module !== 'rpfilter') return false;
      replaceReversePath(match, false);
      return true;
    default:
      return modulePassive(module, option);
  }
}

/** Options that only tune a modelled match (burst sizes, names, masks) and change nothing here. */
const TUNING: Record<string, Set<string>> = {
  limit: new Set(['--limit-burst']),
  hashlimit: new Set([
    '--hashlimit-burst',
    '--hashlimit-mode',
    '--hashlimit-name',
    '--hashlimit-htable-size',
    '--hashlimit-htable-max',
    '--hashlimit-htable-expire',
    '--hashlimit-htable-gcinterval',
    '--hashlimit-srcmask',
    '--hashlimit-dstmask',
  ]),
  connlimit: new Set(['--connlimit-mask', '--connlimit-saddr', '--connlimit-daddr']),
  recent: new Set(['--name', '--rsource', '--rdest', '--mask', '--seconds', '--reap', '--rttl', '--update', '--rcheck']),
  addrtype: new Set(['--limit-iface-in', '--limit-iface-out']),
  rpfilter: new Set(['--loose', '--validmark', '--accept-local']),
  multiport: new Set([]),
};

function modulePassive(module: string, option: string): boolean {
  // recent `--set` records the source and always matches.
  if (module === 'recent' && option === '--set') return true;
  return TUNING[module]?.has(option) ?? false;
}

function replaceReversePath(match: RuleMatch, passes: boolean): void {
  const extras: NonNullable<RuleMatch['extras']> = (match.extras ?? []).filter((extra) => extra.kind !== 'reverse-path');
  extras.push({ kind: 'reverse-path', passes });
  match.extras = extras;
}

/** Module-level meaning that no single option carries. */
function finishModules(words: IptablesWord[], match: RuleMatch, unmodelled: (text: string) => void): void {
  const modules = words.filter((_, index) => index > 0 && (words[index - 1]!.text === '-m' || words[index - 1]!.text === '--match')).map((word) => word.text);
  // `-m rpfilter` alone matches packets that pass the reverse-path check (--invert: those that fail).
  if (modules.includes('rpfilter') && !match.extras?.some((extra) => extra.kind === 'reverse-path')) replaceReversePath(match, true);
  // recent --update/--rcheck without --hitcount matches any source seen recently: unknowable here.
  const texts = words.map((word) => word.text);
  if (modules.includes('recent') && (texts.includes('--update') || texts.includes('--rcheck')) && !texts.includes('--hitcount')) unmodelled('-m recent (sources seen recently)');
}
