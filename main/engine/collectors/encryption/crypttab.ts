// /etc/crypttab (crypttab(5), read with `cat`): `target source keyfile
// options`, whitespace separated (the Debian header uses TABs, the installer
// single spaces); `#` starts a comment line; the key file (`none` = ask)
// and the options may be missing. An absent file is an answer — this host
// configures no encrypted volume — reported as `unsupported` with an empty
// table. See crypttab*.md.
import { commonFailure, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText, isMissingFile } from './command-failure';
import { outputLines } from './output-lines';

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
  const common = commonFailure('cat', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `cat /etc/crypttab failed: ${failureText(exitCode, stderr, stdout)}`);
  const { lines, warnings } = outputLines(stdout, '/etc/crypttab');
  const entries: CrypttabEntry[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    if (fields.length < 2) {
      warnings.push(`line ${index + 1}: "${line.slice(0, 80)}" has no source device; skipped`);
      return;
    }
    if (fields.length > 4) warnings.push(`line ${index + 1}: more than four fields; the extra ones were ignored`);
    const [target, source, keyField, optionField] = fields as [string, string, string | undefined, string | undefined];
    const options = optionField ? optionField.split(',').filter(Boolean) : [];
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
  return parsedOk({ present: true, entries }, warnings);
}

function optionValue(options: string[], name: string): string | null {
  const option = options.find((each) => each.startsWith(`${name}=`));
  return option ? option.slice(name.length + 1) || null : null;
}
