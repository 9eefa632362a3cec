// /etc/os-release (os-release(5)): shell-style KEY=value lines, values
// optionally in double or single quotes with backslash escapes. Debian 13
// adds DEBIAN_VERSION_FULL (the point release); Debian 12 has none — the
// point release then comes from /etc/debian_version.
import { commonFailure, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { outputLines } from './output-lines';

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
  const { lines, warnings } = outputLines(stdout, 'os-release');
  const fields: Record<string, string> = {};
  for (const line of lines) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) fields[match[1]!] = unquoteShellValue(match[2]!);
  }
  if (Object.keys(fields).length === 0) return parsedFailure('unparsed', 'no KEY=value line in /etc/os-release');
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
