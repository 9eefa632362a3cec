// `openssl s_client` output (OpenSSL 3.0, Debian 12) as facts: whether the
// handshake completed, the negotiated protocol and cipher, the chain as
// printed (subject, issuer, validity) and the verify result.
//
// Quirks (OpenSSL 3.0.x): the "New, TLSv1.0, Cipher is …" line names the
// protocol the cipher was defined in, not the one negotiated (a TLS 1.1
// session prints "New, TLSv1.0"), so the protocol is read from the
// SSL-Session block's "Protocol  :" line. In TLS 1.3 that block is printed
// only when a session ticket arrives, and a client whose stdin is closed often
// hangs up before it does (a quarter of the runs against s_server here); TLS
// 1.3 ciphers exist only in TLS 1.3, so there "New, TLSv1.3" is the protocol.
// A refused handshake still prints "CONNECTED(…)" and an SSL-Session
// block, with "New, (NONE), Cipher is (NONE)" and "Cipher    : 0000".
import { commonFailure, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';

export interface ChainCertificate {
  depth: number;
  subject: string;
  issuer: string;
  /** ISO 8601, or null when the line was not printed (OpenSSL before 3.0). */
  notBefore: string | null;
  notAfter: string | null;
}

export interface SClientHandshake {
  /** The TCP connection (and for STARTTLS the plain-text exchange) worked. */
  connected: boolean;
  /** The TLS handshake completed. */
  established: boolean;
  /** TLSv1, TLSv1.1, TLSv1.2, TLSv1.3 (OpenSSL's names). */
  protocol: string | null;
  cipher: string | null;
  chain: ChainCertificate[];
  /** "Verify return code: N (text)"; 0 is ok, 62 a name mismatch, 18–21 untrusted chains, 10 expired. */
  verifyCode: number | null;
  verifyText: string | null;
  /** "Server Temp Key: X25519, 253 bits": the ephemeral key (forward secrecy); null when none. */
  tempKey: string | null;
  /** Why the handshake failed, from stderr (first error line), when it did. */
  failure: string | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Dec  5 02:21:16 2026 GMT` → ISO, or null. */
export function opensslDate(text: string): string | null {
  const match = /^([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})\s+GMT$/.exec(text.trim());
  if (!match) return null;
  const month = MONTHS.indexOf(match[1]!);
  if (month < 0) return null;
  const date = new Date(Date.UTC(Number(match[6]), month, Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5])));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function parseSClient(stdout: string, stderr: string, exitCode: number | null): Parsed<SClientHandshake> {
  const refused = refuseInput(stdout, 'openssl s_client') ?? commonFailure('openssl', exitCode, stderr);
  if (refused) return refused;
  if (exitCode === 124) return parsedFailure('unparsed', 'openssl s_client: no answer within the timeout (timeout exit 124)', emptyHandshake(false, 'timed out'));
  const lines = stdout.split('\n').map((line) => line.replace(/\r$/, ''));
  const connected = lines.some((line) => /^CONNECTED\(/.test(line));
  const chain = chainOf(lines);
  const newLine = lines.map((line) => /^(?:New|Reused), (\S+), Cipher is (\S+)\s*$/.exec(line)).find((match) => match !== null) ?? null;
  const protocol = lastMatch(lines, /^\s+Protocol\s+:\s+(\S+)\s*$/) ?? (newLine?.[1] === 'TLSv1.3' ? 'TLSv1.3' : null);
  const cipher = newLine && newLine[2] !== '(NONE)' ? newLine[2]! : null;
  const verify = lines.map((line) => /^\s*Verify return code: (\d+) \((.*)\)\s*$/.exec(line)).find((match) => match !== null) ?? null;
  const tempKey = lastMatch(lines, /^Server Temp Key: (.+)$/);
  const established = cipher !== null;
  const failure = established ? null : (firstError(stderr) ?? (connected ? 'the handshake did not complete' : 'no connection'));
  if (!connected && !established) {
    // No connection prints nothing on stdout (the reason is on stderr); text there is not s_client's.
    if (stdout.trim() !== '') return parsedFailure('unparsed', `not openssl s_client output: no CONNECTED line before "${stdout.trim().split('\n')[0]!.slice(0, 60)}"`);
    return parsedOk({ ...emptyHandshake(false, failure) });
  }
  if (connected && !established && !newLine && exitCode === 0) {
    return parsedFailure('unparsed', 'openssl s_client: connected, but printed neither a session nor an error', emptyHandshake(true, failure));
  }
  // Without a session block a TLS 1.2 or older session's protocol is unknown: read, but not completely.
  const skipped =
    established && protocol === null
      ? [skippedInput('the SSL-Session block', newLine![0], 'not printed, and the "New, …" line names the protocol the cipher was defined in, not the one negotiated')]
      : [];
  return parsedOk(
    {
      connected,
      established,
      protocol: established ? protocol : null,
      cipher,
      chain,
      verifyCode: established && verify ? Number(verify[1]) : null,
      verifyText: established && verify ? verify[2]! : null,
      tempKey: established ? tempKey : null,
      failure,
    },
    [],
    skipped,
    'openssl s_client',
  );
}

function emptyHandshake(connected: boolean, failure: string | null): SClientHandshake {
  return { connected, established: false, protocol: null, cipher: null, chain: [], verifyCode: null, verifyText: null, tempKey: null, failure };
}

function lastMatch(lines: string[], pattern: RegExp): string | null {
  let found: string | null = null;
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match) found = match[1]!;
  }
  return found;
}

/** The first line of stderr that says what went wrong (s_client's `…:error:…` lines, or a connect error). */
function firstError(stderr: string): string | null {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const error = lines.find((line) => /:error:|connect:|Connection refused|Didn't find STARTTLS|unable to|errno=/i.test(line));
  if (!error) return null;
  const reason = /:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/.exec(error);
  const alert = /SSL alert number (\d+)/.exec(error);
  return (reason ? `${reason[1]}${alert ? ` (alert ${alert[1]})` : ''}` : error).slice(0, 200);
}

/**
 * The "Certificate chain" block:
 *  0 s:CN = pop1.lab.test
 *    i:CN = pop1.lab.test
 *    a:PKEY: …
 *    v:NotBefore: Dec  5 02:21:16 2026 GMT; NotAfter: Dec 15 02:21:16 2026 GMT
 */
function chainOf(lines: string[]): ChainCertificate[] {
  const start = lines.indexOf('Certificate chain');
  if (start < 0) return [];
  const chain: ChainCertificate[] = [];
  for (let index = start + 1; index < lines.length && lines[index] !== '---'; index++) {
    const line = lines[index]!;
    const subject = /^\s*(\d+) s:(.*)$/.exec(line);
    if (subject) {
      chain.push({ depth: Number(subject[1]), subject: subject[2]!, issuer: '', notBefore: null, notAfter: null });
      continue;
    }
    const current = chain.at(-1);
    if (!current) continue;
    const issuer = /^\s+i:(.*)$/.exec(line);
    if (issuer) current.issuer = issuer[1]!;
    const validity = /^\s+v:NotBefore: (.+?); NotAfter: (.+)$/.exec(line);
    if (validity) {
      current.notBefore = opensslDate(validity[1]!);
      current.notAfter = opensslDate(validity[2]!);
    }
  }
  return chain;
}
