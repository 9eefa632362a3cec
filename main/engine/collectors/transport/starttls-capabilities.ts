// The plain-text capability exchange before STARTTLS (the transcript the
// capabilities command prints, "S: " for what the server said and "C: " for
// the one capability request sent): whether the server offers STARTTLS and
// whether it offers a login before it (§5: credentials never in clear text).
//   SMTP: EHLO → 250-STARTTLS, 250-AUTH PLAIN LOGIN
//   IMAP: CAPABILITY → STARTTLS, LOGINDISABLED, AUTH=PLAIN (login allowed unless LOGINDISABLED)
//   POP3: CAPA → STLS, USER, SASL PLAIN
import { commonFailure, parsedFailure, parsedOk, refuseInput, type Parsed } from '../parse-result';

export type StarttlsProtocol = 'smtp' | 'imap' | 'pop3';

export interface StarttlsCapabilities {
  offersStarttls: boolean;
  /** Login mechanisms offered in clear text ([] when none): AUTH PLAIN, LOGIN, USER… */
  plaintextLogins: string[];
  /** The capability lines as the server sent them. */
  capabilities: string[];
}

export function parseStarttlsCapabilities(protocol: StarttlsProtocol, stdout: string, stderr: string, exitCode: number | null): Parsed<StarttlsCapabilities> {
  const refused = refuseInput(stdout, 'the capability exchange') ?? commonFailure('bash', exitCode, stderr);
  if (refused) return refused;
  if (exitCode === 3) return parsedFailure('unparsed', `no plain-text connection: ${stderr.trim().split('\n')[0] || 'connection refused'}`);
  const served = stdout
    .split('\n')
    .filter((line) => line.startsWith('S: '))
    .map((line) => line.slice(3).replace(/\r$/, ''));
  const requestAt = stdout.split('\n').findIndex((line) => line.startsWith('C: '));
  if (requestAt < 0 || served.length < 2) {
    return parsedFailure('unparsed', `the server did not answer the capability request${exitCode === 124 ? ' within the timeout' : ''} (${served.length} line(s) heard)`);
  }
  const answer = stdout
    .split('\n')
    .slice(requestAt + 1)
    .filter((line) => line.startsWith('S: '))
    .map((line) => line.slice(3).replace(/\r$/, ''));
  if (protocol === 'smtp') return parsedOk(smtpCapabilities(answer));
  if (protocol === 'imap') return parsedOk(imapCapabilities([...served.slice(0, 1), ...answer]));
  return parsedOk(pop3Capabilities(answer));
}

function smtpCapabilities(answer: string[]): StarttlsCapabilities {
  const capabilities = answer
    .filter((line) => /^250[- ]/.test(line))
    .map((line) => line.slice(4).trim())
    .slice(1);
  const auth = capabilities.find((line) => /^AUTH[ =]/i.test(line));
  return {
    offersStarttls: capabilities.some((line) => /^STARTTLS$/i.test(line)),
    plaintextLogins: auth ? auth.slice(5).trim().split(/\s+/).filter(Boolean) : [],
    capabilities,
  };
}

function imapCapabilities(lines: string[]): StarttlsCapabilities {
  const words = lines.flatMap((line) => {
    const listed = /CAPABILITY ([^\]]*)/i.exec(line);
    return listed ? listed[1]!.trim().split(/\s+/) : [];
  });
  const upper = words.map((word) => word.toUpperCase());
  const loginDisabled = upper.includes('LOGINDISABLED');
  const mechanisms = upper.filter((word) => word.startsWith('AUTH=')).map((word) => word.slice(5));
  return {
    offersStarttls: upper.includes('STARTTLS'),
    plaintextLogins: loginDisabled ? [] : ['LOGIN', ...mechanisms.filter((mechanism) => mechanism !== 'EXTERNAL')],
    capabilities: [...new Set(words)],
  };
}

function pop3Capabilities(answer: string[]): StarttlsCapabilities {
  const capabilities = answer.slice(1).filter((line) => line !== '.' && !line.startsWith('-ERR'));
  const upper = capabilities.map((line) => line.toUpperCase());
  const sasl = upper.find((line) => line.startsWith('SASL '));
  return {
    offersStarttls: upper.includes('STLS'),
    plaintextLogins: [...(upper.includes('USER') ? ['USER'] : []), ...(sasl ? sasl.slice(5).split(/\s+/).filter(Boolean) : [])],
    capabilities,
  };
}
