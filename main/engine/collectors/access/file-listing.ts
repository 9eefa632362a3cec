// Splits the output of a listing script (listing-format.ts) into the files
// it printed, each with the account it belongs to and its lines numbered as
// in the file itself. Only an unprefixed line can be a marker; a file's own
// lines all come behind the content prefix, whatever they say.
import { parsedFailure, refuseInput, skippedInput, type Parsed, type SkippedInput } from '../parse-result';
import { CONTENT_PREFIX, FILE_MARKER, MARKER_END } from './listing-format';

export interface ListedFile {
  /** The account the file belongs to, or '-' for system files. */
  account: string;
  path: string;
  /** Lines of the file, numbered from 1. */
  lines: Array<{ number: number; text: string }>;
}

export interface FileListing {
  files: ListedFile[];
  /** Lines neither a marker nor a file's content (a script never prints any; kept so nothing is lost). */
  stray: Array<{ line: number; text: string; file: string | null }>;
}

export function splitFileListing(stdout: string): FileListing {
  const files: ListedFile[] = [];
  const stray: FileListing['stray'] = [];
  let current: ListedFile | null = null;
  stdout.split('\n').forEach((line, index) => {
    const marker = markerOf(line);
    if (marker) {
      current = { ...marker, lines: [] };
      files.push(current);
    } else if (current && line.startsWith(CONTENT_PREFIX)) current.lines.push({ number: current.lines.length + 1, text: line.slice(CONTENT_PREFIX.length) });
    // The script's `echo` after each file (and the output's last newline) leave empty lines between files.
    else if (line.trim() !== '') stray.push({ line: index + 1, text: line, file: current ? (current as ListedFile).path : null });
  });
  return { files, stray };
}

function markerOf(line: string): { account: string; path: string } | null {
  if (!line.startsWith(FILE_MARKER) || !line.endsWith(MARKER_END)) return null;
  const body = line.slice(FILE_MARKER.length, -MARKER_END.length);
  const space = body.indexOf(' ');
  if (space <= 0) return null;
  return { account: body.slice(0, space), path: body.slice(space + 1) };
}

/** Lines that are neither a marker nor a file's content, listed as skipped: nothing the script prints goes unread and unsaid. */
export function strayInput(listing: FileListing): SkippedInput[] {
  return listing.stray.map((stray) =>
    stray.file === null
      ? skippedInput(`line ${stray.line}, before the first file`, stray.text, 'not inside a listed file')
      : skippedInput(`line ${stray.line}, in ${stray.file}`, stray.text, `not behind the listing's "${CONTENT_PREFIX}" prefix: not a line of the file`),
  );
}

/** Text with no file marker at all is not this listing (an empty output is: no file exists). */
export function notAListing(listing: FileListing, what: string): Parsed<never> | null {
  if (listing.files.length > 0 || listing.stray.length === 0) return null;
  return parsedFailure('unparsed', `${what}: no file marker before "${listing.stray[0]!.text.trim().slice(0, 60)}" — not the listing OpsDeck's script prints`);
}

/**
 * The listed files this parser's command lists; any other file (another
 * listing's output, a path the script never names) is skipped as a whole.
 */
export function expectedFiles(listing: FileListing, expected: RegExp, what: string): { files: ListedFile[]; skipped: SkippedInput[] } {
  const files = listing.files.filter((file) => expected.test(file.path));
  const skipped = listing.files
    .filter((file) => !expected.test(file.path))
    .map((file) => skippedInput(`file ${file.path}`, `${FILE_MARKER}${file.account} ${file.path}${MARKER_END}`, `not a file ${what} lists (${file.lines.length} lines not read)`));
  return { files, skipped };
}

/**
 * A configuration tool's listing (logrotate, logadm): its own files, and what was skipped (text outside
 * the files, other listings' files) — or why there is nothing to read: not a listing, another tool's files,
 * no configuration at all (`unsupported`), or the script failing.
 */
export function configurationFiles(
  stdout: string,
  stderr: string,
  exitCode: number | null,
  tool: { name: string; paths: RegExp; mainFile: string },
): { files: ListedFile[]; skipped: SkippedInput[] } | Parsed<never> {
  const what = `the ${tool.name} configuration listing`;
  const refused = refuseInput(stdout, what);
  if (refused) return refused;
  const listing = splitFileListing(stdout);
  const notListing = notAListing(listing, what);
  if (notListing) return notListing;
  const { files, skipped: otherFiles } = expectedFiles(listing, tool.paths, `the ${tool.name} listing`);
  if (files.length === 0 && otherFiles.length > 0) return parsedFailure('unparsed', `${what}: ${otherFiles[0]!.at} is not a ${tool.name} file — another listing's output?`);
  if (files.length === 0)
    return parsedFailure(
      exitCode === 0 ? 'unsupported' : 'unparsed',
      exitCode === 0
        ? `no ${tool.name} configuration on this host (${tool.mainFile} is missing)`
        : `listing the ${tool.name} configuration failed (exit ${exitCode}): ${stderr.trim() || 'no message'}`,
    );
  return { files, skipped: [...strayInput(listing), ...otherFiles] };
}
