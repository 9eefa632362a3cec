// SmartOS /etc/release (tools/build_etcrelease): a centred first line
// `SmartOS <stamp> x86_64`, a copyright line whose holder depends on the
// build date, then "Built with the following components:" and a JSON array
// of {repo, branch, commit_date, rev, url}. Only the stamp matters here; the
// components are kept for evidence. In a non-global zone the file is the
// zone IMAGE's release file, which names no platform stamp.
import { commonFailure, firstLine, parsedFailure, parsedOk, type Parsed } from '../parse-result';
import { failureText } from './command-failure';
import { platformStamp } from './platform-image';

export interface SmartosRelease {
  stamp: string;
  builtAt: string;
  arch: string | null;
  copyright: string | null;
  components: { repo: string; branch: string | null; rev: string | null }[];
}

export function parseSmartosEtcRelease(stdout: string, stderr: string, exitCode: number | null): Parsed<SmartosRelease> {
  const common = commonFailure('cat', exitCode, stderr);
  if (common) return common;
  if (exitCode !== 0) return parsedFailure('unparsed', `cat /etc/release failed: ${failureText(exitCode, stderr)}`);
  const first = firstLine(stdout);
  const match = /^SmartOS (\d{8}T\d{6}Z)(?: (\S+))?/.exec(first);
  const stamp = match ? platformStamp(match[1]!) : null;
  if (!match || !stamp) {
    return /\b(SmartOS|illumos|OmniOS)\b/i.test(first)
      ? parsedFailure('unsupported', `/etc/release names no platform stamp (a zone's image release file?): ${first}`)
      : parsedFailure('unparsed', `/etc/release does not start with "SmartOS <stamp>": ${JSON.stringify(first.slice(0, 80))}`);
  }
  const warnings: string[] = [];
  const copyright =
    stdout
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.startsWith('Copyright')) ?? null;
  return parsedOk({ stamp: stamp.stamp, builtAt: stamp.builtAt, arch: match[2] ?? null, copyright, components: components(stdout, warnings) }, warnings);
}

function components(text: string, warnings: string[]): SmartosRelease['components'] {
  const start = text.indexOf('[');
  const end = text.lastIndexOf(']');
  if (start < 0 || end <= start) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start, end + 1));
  } catch {
    warnings.push('/etc/release: the component list is not valid JSON (ignored)');
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && typeof (item as Record<string, unknown>).repo === 'string')
    .map((item) => ({
      repo: item.repo as string,
      branch: typeof item.branch === 'string' ? item.branch : null,
      rev: typeof item.rev === 'string' ? item.rev : null,
    }));
}
