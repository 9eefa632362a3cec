// SmartOS/illumos logadm's configuration (the listing of retention-commands.ts:
// /etc/logadm.conf and any /etc/logadm.d/*.conf) → for each entry, how long
// its rotated logs are kept, as logadm(8) decides it:
// - expiry: `-A age` deletes versions older than age, `-C count` keeps count
//   versions, `-S size` caps their total size; with none of the three, logadm
//   adds `-C 10`; `-C 0` alone expires nothing;
// - rotation: `-p period` (h d w m=30 days y), `-p never` never rotates;
//   `-s size` alone rotates by size only; with neither, `-s 1b -p 1w`.
// So a rule keeps logs count × period, capped by age; by size only, or with
// nothing expiring them, it has no time bound. Pure.
import { parsedOk, skippedInput, type Parsed } from '../parse-result';
import { configurationFiles } from '../access/file-listing';
import type { LogRotationRule } from './logrotate-config';

/** The files the logadm listing script names. */
const LOGADM_PATH = /^\/etc\/(logadm\.conf|logadm\.d\/[^/]+\.conf)$/;
/** logadm's options that take a value (getopt string of logadm.c); the others are flags. */
const WITH_VALUE = new Set('aAbCeEfgmMoOpPRsStTwz'.split(''));
const FLAGS = new Set('chlnNrvV'.split(''));
const UNIT_DAYS: Record<string, number> = { h: 1 / 24, d: 1, w: 7, m: 30, y: 365 };

export function parseLogadmListing(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<LogRotationRule[]> {
  const listed = configurationFiles(stdout, stderr, exitCode, { name: 'logadm', paths: LOGADM_PATH, mainFile: '/etc/logadm.conf' });
  if ('status' in listed) return listed;
  const { files, skipped } = listed;
  const rules: LogRotationRule[] = [];
  for (const file of files) {
    for (const { number, text } of file.lines) {
      if (text.trim() === '' || text.trim().startsWith('#')) continue;
      const rule = entryRule(file.path, number, text);
      if (typeof rule === 'string') skipped.push(skippedInput(`${file.path} line ${number}`, text, rule));
      else rules.push(rule);
    }
  }
  return parsedOk(rules, [], skipped, 'the logadm configuration');
}

/** One logadm.conf line → its rule, or why it cannot be read. */
export function entryRule(file: string, line: number, text: string): LogRotationRule | string {
  const words = shellWords(text);
  if (typeof words === 'string') return words;
  const [entry, ...rest] = words;
  if (!entry || entry.startsWith('-')) return 'no entry name before the options';
  const options = new Map<string, string>();
  const paths: string[] = [];
  for (let index = 0; index < rest.length; index++) {
    const word = rest[index]!;
    if (!word.startsWith('-') || word === '-') {
      paths.push(word);
      continue;
    }
    const letter = word[1]!;
    if (FLAGS.has(letter) && word.length === 2) continue;
    if (!WITH_VALUE.has(letter)) return `unknown option ${word}`;
    const value = word.length > 2 ? word.slice(2) : rest[++index];
    if (value === undefined) return `option -${letter} has no value`;
    options.set(letter, value);
  }
  const age = options.has('A') ? timeDays(options.get('A')!) : null;
  if (age === undefined) return `-A ${options.get('A')} is not a number followed by h, d, w, m or y`;
  const count = options.has('C') ? Number(options.get('C')) : !options.has('A') && !options.has('S') ? 10 : null;
  if (count !== null && !Number.isInteger(count)) return `-C ${options.get('C')} is not a whole number`;
  const periodText = options.get('p') ?? (options.has('s') ? null : '1w');
  const period = periodText === null || periodText === 'never' || periodText === 'now' ? null : timeDays(periodText);
  if (period === undefined) return `-p ${periodText} is not a number followed by h, d, w, m or y, nor never`;
  const byCount = period === null || count === null || count === 0 ? null : count * period;
  const keptDays = byCount === null ? age : age === null ? byCount : Math.min(byCount, age);
  return {
    file,
    line,
    paths: paths.length > 0 ? paths : [entry],
    period: periodText,
    rotate: count,
    maxage: age,
    sizeOnly: periodText === null,
    keptDays: keptDays === null ? null : Math.round(keptDays * 100) / 100,
    how: describe(options, periodText, count),
  };
}

/** `-p 1w -C 8 -A 180d` — the options that decide retention, with logadm's defaults said as such. */
function describe(options: Map<string, string>, period: string | null, count: number | null): string {
  const parts = [
    period === null ? 'by size only' : `-p ${period}${options.has('p') ? '' : ' (default)'}`,
    ...(count === null ? [] : [`-C ${count}${options.has('C') ? '' : ' (default)'}`]),
    ...(options.has('A') ? [`-A ${options.get('A')}`] : []),
    ...(options.has('S') ? [`-S ${options.get('S')}`] : []),
  ];
  return parts.join(' ');
}

/** `180d`, `26w`, `6m` → days; undefined when it is not such a time. */
function timeDays(text: string): number | undefined {
  const match = /^(\d+)([hdwmy])$/.exec(text);
  return match ? Number(match[1]) * UNIT_DAYS[match[2]!]! : undefined;
}

/** Splits a line as logadm does (its own shell-like lexer): blanks separate words, '…' and "…" quote. */
function shellWords(text: string): string[] | string {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (char === ' ' || char === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + char;
  }
  if (quote) return `a ${quote} quote is never closed`;
  if (word !== null) words.push(word);
  return words;
}
