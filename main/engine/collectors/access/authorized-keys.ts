// authorized_keys lines → keys with their type, SHA256 fingerprint (as
// `ssh-keygen -lf` prints it), options and comment. Pure. Options such as
// `command="…"` are kept verbatim; comments are data, whatever they hold.
import { createHash } from 'node:crypto';
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed, type SkippedInput } from '../parse-result';
import { notAListing, splitFileListing, strayInput } from './file-listing';

export interface AuthorizedKey {
  account: string;
  file: string;
  line: number;
  type: string;
  /** `SHA256:` + unpadded base64 of the SHA-256 of the key blob. */
  fingerprint: string;
  /** The options field exactly as written (empty when none). */
  options: string;
  /** Option names, lower-cased (`command`, `from`, `restrict`, …). */
  optionNames: string[];
  comment: string;
}

const KEY_TYPE = /^(ssh-(rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(-cert-v01@openssh\.com)?$/;

/** One line of an authorized_keys file; null for blank lines and comments, a reason string when it is not a key. */
export function parseAuthorizedKeyLine(text: string, where: { account: string; file: string; line: number }): AuthorizedKey | string | null {
  const line = text.trim();
  if (line === '' || line.startsWith('#')) return null;
  const split = splitOptions(line);
  if (typeof split === 'string') return split;
  const [type, blob, ...comment] = split.rest.split(/[ \t]+/);
  if (!type || !KEY_TYPE.test(type)) return `no key type where one was expected (${JSON.stringify((type ?? '').slice(0, 40))})`;
  const fingerprint = blob ? keyFingerprint(blob, type) : null;
  if (!fingerprint) return `the ${type} key is not valid base64 of a ${type} key blob`;
  return {
    ...where,
    type,
    fingerprint,
    options: split.options,
    optionNames: split.options === '' ? [] : optionNames(split.options),
    comment: comment.join(' '),
  };
}

/** SHA256 fingerprint of a base64 key blob whose embedded type matches `type`, or null. */
export function keyFingerprint(base64: string, type: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  const blob = Buffer.from(base64, 'base64');
  if (blob.length < 4) return null;
  const typeLength = blob.readUInt32BE(0);
  if (typeLength > blob.length - 4 || blob.subarray(4, 4 + typeLength).toString('latin1') !== type) return null;
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** sshd(8): options come first, comma-separated, and end at the first whitespace outside double quotes. */
function splitOptions(line: string): { options: string; rest: string } | string {
  const first = line.split(/[ \t]/, 1)[0]!;
  if (KEY_TYPE.test(first)) return { options: '', rest: line };
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (char === '\\' && quoted) index++;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ' ' || char === '\t')) return { options: line.slice(0, index), rest: line.slice(index).trim() };
  }
  return quoted ? 'an option value opens a double quote that is never closed' : 'options but no key';
}

function optionNames(options: string): string[] {
  const names: string[] = [];
  let quoted = false;
  let start = 0;
  for (let index = 0; index <= options.length; index++) {
    const char = options[index];
    if (char === '\\' && quoted) index++;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ',' || char === undefined)) {
      names.push(options.slice(start, index).split('=')[0]!.trim().toLowerCase());
      start = index + 1;
    }
  }
  return names.filter(Boolean);
}

/** One authorized_keys file as text (the CLI's `--format authorized-keys`). */
export function parseAuthorizedKeysFile(text: string, account = '-', file = '-'): Parsed<AuthorizedKey[]> {
  const refused = refuseInput(text, 'authorized_keys');
  if (refused) return refused;
  const keys: AuthorizedKey[] = [];
  const skipped: SkippedInput[] = [];
  text.split('\n').forEach((line, index) => collectKey(line, { account, file, line: index + 1 }, keys, skipped));
  if (keys.length === 0 && skipped.length > 0) return parsedFailure('unparsed', `not an authorized_keys file: no line is a key (line ${skipped[0]!.at.split(' line ')[1]}: ${skipped[0]!.reason})`);
  return parsedOk(keys, [], skipped, 'authorized_keys');
}

/** The access area's listing of every account's authorized_keys files. */
export function parseAuthorizedKeysListing(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<AuthorizedKey[]> {
  const refused = refuseInput(stdout, 'the authorized_keys listing');
  if (refused) return refused;
  const listing = splitFileListing(stdout);
  // Without sudo, or with a broken shell, nothing is listed: say why. One unreadable file among others leaves the rest read.
  const failure = listing.files.length === 0 ? commonFailure('listing authorized_keys', exitCode, stderr) : null;
  if (failure) return failure;
  const notListing = notAListing(listing, 'the authorized_keys listing');
  if (notListing) return notListing;
  const keys: AuthorizedKey[] = [];
  const skipped: SkippedInput[] = strayInput(listing);
  for (const file of listing.files) {
    for (const line of file.lines) collectKey(line.text, { account: file.account, file: file.path, line: line.number }, keys, skipped);
  }
  // cat failing on one file (permission) leaves stderr and a non-zero exit, but the other files were read.
  if (exitCode !== 0 && stderr.trim() !== '') skipped.push(skippedInput('stderr', stderr.trim(), `the listing ended with exit ${exitCode}`));
  if (exitCode !== 0 && listing.files.length === 0) return parsedFailure('unparsed', `listing authorized_keys failed (exit ${exitCode}): ${stderr.trim() || 'no message'}`);
  return parsedOk(keys, [], skipped, 'the authorized_keys listing');
}

function collectKey(text: string, where: { account: string; file: string; line: number }, keys: AuthorizedKey[], skipped: SkippedInput[]): void {
  const parsed = parseAuthorizedKeyLine(text, where);
  if (parsed === null) return;
  if (typeof parsed === 'string') skipped.push(skippedInput(`${where.file} line ${where.line}`, text, parsed));
  else keys.push(parsed);
}
