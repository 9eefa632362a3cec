// /etc/os-release (os-release(5)): shell-style KEY=value lines, values
// optionally in double or single quotes with backslash escapes. Debian 13
// adds DEBIAN_VERSION_FULL (the point release); Debian 12 has none — the
// point release then comes from /etc/debian_version.
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from '../output-lines';

export interface OsRelease {
  id: string | null;
  name: string | null;
  prettyName: string | null;
  versionId: string | null;
  codename: string | null;
  /** DEBIAN_VERSION_FULL (trixie and later), e.g. "13.8". */
  versionFull: string | null;
  fields: Record<string, string>;
}

export function parseOsRelease(stdout: string, stderr: string, exitCode: number | null): Parsed<OsRelease> {
  const common = commonFailure('cat', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `cat /etc/os-release failed: ${failureText(exitCode, stderr)}`);
  const refused = refuseInput(stdout, '/etc/os-release');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'os-release');
  const fields: Record<string, string> = {};
  for (const [index, line] of lines.entries()) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) fields[match[1]!] = unquoteShellValue(match[2]!);
    else if (line.trim() !== '' && !line.trim().startsWith('#')) skipped.push(skippedInput(`line ${index + 1}`, line, 'not a KEY=value line (os-release(5))'));
  }
  if (Object.keys(fields).length === 0 || skipped.length > Object.keys(fields).length) return parsedFailure('unparsed', 'not /etc/os-release: its lines are not KEY=value');
  const field = (key: string) => fields[key] || null;
  return parsedOk(
    {
      id: field('ID'),
      name: field('NAME'),
      prettyName: field('PRETTY_NAME'),
      versionId: field('VERSION_ID'),
      codename: field('VERSION_CODENAME') ?? codenameFromVersion(field('VERSION')),
      versionFull: field('DEBIAN_VERSION_FULL'),
      fields,
    },
    warnings,
    skipped,
    '/etc/os-release',
  );
}

/** `"Debian GNU/Linux"` → Debian GNU/Linux; `'a b'` → a b; bare words as they are. */
export function unquoteShellValue(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  return value;
}

/** VERSION="12 (bookworm)" → bookworm, for os-release files without VERSION_CODENAME. */
function codenameFromVersion(version: string | null): string | null {
  return version ? (/\(([a-z]+)\)/.exec(version)?.[1] ?? null) : null;
}
