// The answer to one HEAD request sent through `openssl s_client -quiet`:
// the status line and the Strict-Transport-Security header (RFC 6797).
import { commonFailure, parsedFailure, parsedOk, refuseInput, type Parsed } from '../parse-result';

export interface HstsAnswer {
  status: string;
  /** The header's value as sent, or null when absent. */
  header: string | null;
  /** max-age in seconds, or null when absent or not a number. */
  maxAgeSeconds: number | null;
  includeSubDomains: boolean;
}

export function parseHstsAnswer(stdout: string, stderr: string, exitCode: number | null): Parsed<HstsAnswer> {
  const refused = refuseInput(stdout, 'the HTTPS answer') ?? commonFailure('openssl', exitCode, stderr);
  if (refused) return refused;
  const lines = stdout.split('\n').map((line) => line.replace(/\r$/, ''));
  const statusAt = lines.findIndex((line) => /^HTTP\/\d(?:\.\d)? \d{3}/.test(line));
  if (statusAt < 0) {
    return parsedFailure('unparsed', `no HTTP answer to the HEAD request${exitCode === 124 ? ' within the timeout' : ''}${stdout.trim() ? `: ${JSON.stringify(stdout.trim().slice(0, 80))}` : ''}`);
  }
  const headers: string[] = [];
  for (const line of lines.slice(statusAt + 1)) {
    if (line === '') break;
    headers.push(line);
  }
  const hsts = headers.find((line) => /^strict-transport-security\s*:/i.test(line));
  const header = hsts ? hsts.slice(hsts.indexOf(':') + 1).trim() : null;
  const maxAge = header ? /(?:^|;)\s*max-age\s*=\s*"?(\d{1,12})"?\s*(?:;|$)/i.exec(header) : null;
  return parsedOk({
    status: lines[statusAt]!.trim(),
    header,
    maxAgeSeconds: maxAge ? Number(maxAge[1]) : null,
    includeSubDomains: header ? /(?:^|;)\s*includesubdomains\s*(?:;|$)/i.test(header) : false,
  });
}
