// logrotate's configuration (the listing of retention-commands.ts) → for
// each log block, how long its rotated logs are kept: `rotate N` × the
// rotation period, capped by `maxage D`. Directives outside blocks are the
// defaults of the blocks after them; `include` reads the other listed files
// at that point, as logrotate(8) does. Pure.
import { parsedOk, skippedInput, type Parsed, type SkippedInput } from '../parse-result';
import { configurationFiles, type ListedFile } from '../access/file-listing';

export type RotationPeriod = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly';

export const PERIOD_DAYS: Record<RotationPeriod, number> = { hourly: 1 / 24, daily: 1, weekly: 7, monthly: 31, yearly: 366 };

export interface LogRotationRule {
  file: string;
  line: number;
  /** The log paths (globs) the block or entry names, as written. */
  paths: string[];
  /** How often logs rotate, in the tool's words: logrotate's `daily`…, logadm's `-p` value (`1w`, `never`); null when by size only. */
  period: string | null;
  /** Rotated logs kept (logrotate `rotate`, logadm `-C`), or null when unset. */
  rotate: number | null;
  /** Days after which rotated logs are deleted whatever their count (logrotate `maxage`, logadm `-A`), or null. */
  maxage: number | null;
  /** Rotated by size only (no period): how long that keeps logs depends on how fast they grow. */
  sizeOnly: boolean;
  /** Days the oldest rotated log is kept, or null when it cannot be told. */
  keptDays: number | null;
  /** The settings that decide it, in the tool's own words: `daily × rotate 365, maxage 180`, `-p 1w -C 8`. */
  how: string;
}

interface Settings {
  period: RotationPeriod | null;
  rotate: number | null;
  maxage: number | null;
  size: boolean;
}

/** The files the listing script in retention-commands.ts names. */
const LOGROTATE_PATH = /^\/etc\/logrotate\.(conf|d\/[^/]+)$/;
const PERIODS = new Set(['hourly', 'daily', 'weekly', 'monthly', 'yearly']);

export function parseLogrotateListing(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<LogRotationRule[]> {
  const listed = configurationFiles(stdout, stderr, exitCode, { name: 'logrotate', paths: LOGROTATE_PATH, mainFile: '/etc/logrotate.conf' });
  if ('status' in listed) return listed;
  const { files } = listed;
  const main = files.find((file) => file.path === '/etc/logrotate.conf');
  const others = files.filter((file) => file !== main);
  const rules: LogRotationRule[] = [];
  const skipped: SkippedInput[] = [...listed.skipped];
  const globals: Settings = { period: null, rotate: null, maxage: null, size: false };
  const read = (file: ListedFile, onInclude: () => void) => readFile(file, globals, rules, skipped, onInclude);
  let included = false;
  const includeOthers = () => {
    if (included) return;
    included = true;
    for (const file of others) read(file, () => undefined);
  };
  if (main) read(main, includeOthers);
  // Without logrotate.conf (or without its include), the drop-ins are read with logrotate's built-in defaults.
  includeOthers();
  return parsedOk(rules, [], skipped, 'the logrotate configuration');
}

function readFile(file: ListedFile, globals: Settings, rules: LogRotationRule[], skipped: SkippedInput[], onInclude: () => void): void {
  let block: { line: number; paths: string[]; settings: Settings } | null = null;
  // Paths may stand on lines of their own before the `{` (Debian's rsyslog file lists six that way).
  const pending: { line: number | null; paths: string[] } = { line: null, paths: [] };
  for (const { number, text } of file.lines) {
    const line = text.replace(/#.*$/, '').trim();
    if (line === '') continue;
    if (block === null && line.endsWith('{')) {
      const paths = [...pending.paths, ...logPaths(line.slice(0, -1))];
      block = { line: pending.line ?? number, paths, settings: { ...globals } };
      pending.line = null;
      pending.paths = [];
      continue;
    }
    if (block === null && /^["'/]/.test(line)) {
      pending.line ??= number;
      pending.paths.push(...logPaths(line));
      continue;
    }
    if (line === '}' || line.startsWith('}')) {
      if (block) rules.push(ruleOf(file.path, block));
      else skipped.push(skippedInput(`${file.path} line ${number}`, text, 'a closing brace with no block open'));
      block = null;
      continue;
    }
    if (block === null && /^include\s/.test(line)) {
      onInclude();
      continue;
    }
    if (!apply(block ? block.settings : globals, line)) continue;
  }
  if (block) skipped.push(skippedInput(`${file.path} line ${block.line}`, block.paths.join(' '), 'a block that is never closed'));
  if (pending.line !== null) skipped.push(skippedInput(`${file.path} line ${pending.line}`, pending.paths.join(' '), 'log paths with no block after them'));
}

/** The log paths on a line, as logrotate reads them: a quoted path may hold spaces, and is kept without its quotes. */
function logPaths(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/** Applies one directive; scripts (postrotate … endscript) and directives that do not affect how long logs are kept are ignored. */
function apply(settings: Settings, line: string): boolean {
  const [word, value] = line.split(/\s+/);
  if (!word) return false;
  if (PERIODS.has(word)) settings.period = word as RotationPeriod;
  else if (word === 'rotate' && value && /^-?\d+$/.test(value)) settings.rotate = Number(value);
  else if (word === 'maxage' && value && /^\d+$/.test(value)) settings.maxage = Number(value);
  else if (word === 'size') settings.size = true;
  return true;
}

function ruleOf(file: string, block: { line: number; paths: string[]; settings: Settings }): LogRotationRule {
  const { period, rotate, maxage, size } = block.settings;
  const sizeOnly = size && period === null;
  // logrotate's default is `rotate 0`: the rotated log is removed at once. -1 keeps every rotated log.
  const count = rotate ?? 0;
  const byCount = period === null || count < 0 ? null : count * PERIOD_DAYS[period];
  const keptDays = byCount === null ? maxage : maxage === null ? byCount : Math.min(byCount, maxage);
  const how = sizeOnly ? 'by size only' : `${period ?? 'no period'} × rotate ${rotate ?? '0 (default)'}${maxage !== null ? `, maxage ${maxage}` : ''}`;
  return { file, line: block.line, paths: block.paths, period, rotate, maxage, sizeOnly, keptDays: keptDays === null ? null : Math.round(keptDays * 100) / 100, how };
}
