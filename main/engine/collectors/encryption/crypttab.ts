// /etc/crypttab (crypttab(5), read with `cat`): `target source keyfile
// options`, whitespace separated (the Debian header uses TABs, the installer
// single spaces); `#` starts a comment line; the key file (`none` = ask)
// and the options may be missing. An absent file is an answer — this host
// configures no encrypted volume — reported as `unsupported` with an empty
// table. See crypttab*.md.
import { parsedFailure, parsedOk, skippedInput, type Parsed } from '../parse-result';
import { catFailure, failureText, isMissingFile } from './command-failure';
import { outputLines } from '../output-lines';

export interface CrypttabEntry {
  /** The mapping name (/dev/mapper/<target>). */
  target: string;
  /** UUID=…, PARTUUID=…, LABEL=…, /dev/disk/by-*, or a path. */
  source: string;
  /** The key file, or null for `none`/`-`/missing (passphrase asked at boot). */
  keyFile: string | null;
  /** Random key (/dev/urandom, /dev/random): a fresh key every boot, typical for swap. */
  randomKey: boolean;
  options: string[];
  /** `plain`, `luks`, `tcrypt`, `bitlk`…, or null when unstated (LUKS is then probed). */
  mode: string | null;
  /** `noauto`: not opened at boot. */
  noauto: boolean;
  swap: boolean;
  /** `cipher=` and `size=` (bits), stated for plain mode. */
  cipher: string | null;
  keyBits: number | null;
  line: number;
}

export interface Crypttab {
  present: boolean;
  entries: CrypttabEntry[];
}

const MODES = ['luks', 'plain', 'tcrypt', 'bitlk', 'fvault2', 'loopaes'];

export function parseCrypttab(stdout: string, stderr: string, exitCode: number | null): Parsed<Crypttab> {
  if (isMissingFile(exitCode, stderr)) {
    return parsedFailure('unsupported', `/etc/crypttab does not exist: no encrypted volume is configured to open at boot (${failureText(exitCode, stderr)})`, { present: false, entries: [] });
  }
  const failure = catFailure('/etc/crypttab', stdout, stderr, exitCode);
  if (failure) return failure;
  const { lines, warnings, skipped } = outputLines(stdout, '/etc/crypttab');
  const entries: CrypttabEntry[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    const problem = fieldProblem(fields);
    if (problem) {
      skipped.push(skippedInput(`line ${index + 1}`, line, problem));
      return;
    }
    const [target, source, keyField, optionField] = fields as [string, string, string | undefined, string | undefined];
    const options = optionField ? splitOptions(optionField) : [];
    const keyFile = keyField === undefined || keyField === 'none' || keyField === '-' ? null : keyField;
    entries.push({
      target,
      source,
      keyFile,
      randomKey: keyFile === '/dev/urandom' || keyFile === '/dev/random' || keyFile === '/dev/hw_random',
      options,
      mode: options.find((option) => MODES.includes(option)) ?? null,
      noauto: options.includes('noauto'),
      swap: options.includes('swap'),
      cipher: optionValue(options, 'cipher'),
      keyBits: Number(optionValue(options, 'size') ?? 'x') || null,
      line: index + 1,
    });
  });
  if (skipped.length > entries.length) {
    return parsedFailure(
      'unparsed',
      `not a crypttab: ${skipped.length} of ${skipped.length + entries.length} lines are not "target source [keyfile [options]]" entries (${JSON.stringify(skipped[0]!.text.slice(0, 60))}: ${skipped[0]!.reason})`,
    );
  }
  return parsedOk({ present: true, entries }, warnings, skipped, '/etc/crypttab');
}

// crypttab(5): the source is a path or a UUID=/PARTUUID=/LABEL=/PARTLABEL=/ID= tag; the key file `none`, `-` or a path (systemd also takes `/path:UUID=…`).
const SOURCE = /^(\/\S*|(UUID|PARTUUID|LABEL|PARTLABEL|ID)=\S+)$/;
const KEY_FILE = /^(none|-|\/\S*)$/;
const OPTION = /^[a-z][a-z0-9-]*(=.*)?$/;
// A mapping name becomes /dev/mapper/<name>: no slash, no control characters.
const TARGET = /^[^/\s]+$/;

function fieldProblem(fields: string[]): string | null {
  if (fields.length < 2) return 'no source device';
  if (fields.length > 4) return `${fields.length} fields: crypttab has at most four (target, source, key file, options)`;
  const [target, source, keyFile, options] = fields;
  if (!TARGET.test(target!)) return `"${target}" is not a mapping name`;
  if (!SOURCE.test(source!)) return `"${source}" is not a device path or a UUID=/PARTUUID=/LABEL= tag`;
  if (keyFile !== undefined && !KEY_FILE.test(keyFile)) return `"${keyFile}" is not none, - or a key file path`;
  if (options !== undefined && !splitOptions(options).every((option) => OPTION.test(option))) return `"${options}" is not a comma-separated option list`;
  return null;
}

/** crypttab(5): options are comma-separated; a comma inside a value is escaped with a backslash (`\,`). */
export function splitOptions(field: string): string[] {
  const options: string[] = [];
  let current = '';
  for (let index = 0; index < field.length; index++) {
    const char = field[index]!;
    if (char === '\\' && index + 1 < field.length) {
      current += field[++index];
    } else if (char === ',') {
      if (current) options.push(current);
      current = '';
    } else current += char;
  }
  if (current) options.push(current);
  return options;
}

function optionValue(options: string[], name: string): string | null {
  const option = options.find((each) => each.startsWith(`${name}=`));
  return option ? option.slice(name.length + 1) || null : null;
}
