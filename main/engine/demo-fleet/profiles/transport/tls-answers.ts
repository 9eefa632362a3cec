// What a demo bastion's `openssl s_client` (and the plain-text capability
// exchange) prints for the mail services of its site's hosts, in OpenSSL
// 3.0's words. Planted (PLANTED_PROBLEMS): the secondary MX (mx1.sea) presents a certificate
// expiring in 12 days, and imap1.nj's POP3S service accepts TLS 1.0.
import { hasProblem, type DemoHostSpec } from '../../demo-fleet-spec';
import { answer, type CommandAnswer } from '../command-answer';

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function opensslDate(time: number): string {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCFullYear()} GMT`;
}

function servedPorts(host: DemoHostSpec): number[] {
  if (host.role === 'mx') return [25, 587, 465];
  if (host.role === 'imap') return [993, 995];
  if (host.role === 'web') return [443];
  return [];
}

const STARTTLS_PORTS = new Set([25, 587, 143, 110]);

/** The answer to `timeout 15 …` on the bastion; null when it is not a transport probe of a known service. */
export function demoTlsAnswer(invocation: string, hostsByAddress: Map<string, DemoHostSpec>): CommandAnswer | null {
  const capabilities = /bash -c .* opsdeck-capabilities '([^']+)' (\d+) (smtp|imap|pop3)$/.exec(invocation);
  if (capabilities) return capabilityAnswer(hostsByAddress.get(capabilities[1]!), Number(capabilities[2]), capabilities[3]!);
  // The HEAD script gets the address as its first argument, after the script.
  const connect = /(?:-connect|opsdeck-hsts) '([^']+):(\d+)'/.exec(invocation);
  if (!connect) return null;
  const host = hostsByAddress.get(connect[1]!);
  const port = Number(connect[2]);
  if (!host || !servedPorts(host).includes(port)) return answer('', `${connect[1]}:${port}: Connection refused\nconnect:errno=111\n`, 1);
  if (invocation.includes('opsdeck-hsts')) return answer('HTTP/1.1 200 OK\r\nServer: nginx\r\nStrict-Transport-Security: max-age=31536000; includeSubDomains\r\nContent-Type: text/html\r\n\r\n');
  const name = /-servername '([^']+)'/.exec(invocation)?.[1] ?? host.name;
  if (invocation.includes("-cipher 'kRSA")) return refused();
  const version = /-(tls1(?:_[123])?)\b/.exec(invocation)?.[1] ?? null;
  const oldAllowed = hasProblem(host, 'old-tls-protocol') && port === 995;
  if ((version === 'tls1' || version === 'tls1_1') && !oldAllowed) return refused();
  const protocol = version === 'tls1' ? 'TLSv1' : version === 'tls1_1' ? 'TLSv1.1' : version === 'tls1_2' ? 'TLSv1.2' : 'TLSv1.3';
  return established(host, name, protocol);
}

function established(host: DemoHostSpec, name: string, protocol: string): CommandAnswer {
  // Certificates renewed at the start of the current UTC day, so every probe of one scan sees the same
  // dates whatever order the hosts answer in; the secondary MX's renewal failed.
  const renewedAt = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const notAfter = hasProblem(host, 'certificate-expiring') ? renewedAt + 12 * DAY_MS : renewedAt + 71 * DAY_MS;
  const notBefore = notAfter - 90 * DAY_MS;
  const cipher = protocol === 'TLSv1.3' ? 'TLS_AES_256_GCM_SHA384' : protocol === 'TLSv1.2' ? 'ECDHE-RSA-AES256-GCM-SHA384' : 'ECDHE-RSA-AES256-SHA';
  const newLine = protocol === 'TLSv1.3' ? 'TLSv1.3' : protocol === 'TLSv1.2' ? 'TLSv1.2' : 'TLSv1.0';
  const verified = name === host.name || name.startsWith(`${host.name}.`);
  const stdout = [
    'CONNECTED(00000003)',
    '---',
    'Certificate chain',
    ` 0 s:CN = ${host.name}`,
    "   i:C = US, O = Let's Encrypt, CN = R11",
    '   a:PKEY: rsaEncryption, 2048 (bit); sigalg: RSA-SHA256',
    `   v:NotBefore: ${opensslDate(notBefore)}; NotAfter: ${opensslDate(notAfter)}`,
    " 1 s:C = US, O = Let's Encrypt, CN = R11",
    '   i:C = US, O = Internet Security Research Group, CN = ISRG Root X1',
    '   a:PKEY: rsaEncryption, 2048 (bit); sigalg: RSA-SHA256',
    '   v:NotBefore: Mar 13 00:00:00 2024 GMT; NotAfter: Mar 12 23:59:59 2027 GMT',
    '---',
    `subject=CN = ${host.name}`,
    "issuer=C = US, O = Let's Encrypt, CN = R11",
    '---',
    'Server Temp Key: X25519, 253 bits',
    '---',
    `New, ${newLine}, Cipher is ${cipher}`,
    'Server public key is 2048 bit',
    `Verify return code: ${verified ? '0 (ok)' : '62 (hostname mismatch)'}`,
    '---',
    'SSL-Session:',
    `    Protocol  : ${protocol}`,
    `    Cipher    : ${cipher}`,
    '---',
    '',
  ].join('\n');
  return answer(stdout, `depth=1 C = US, O = Let's Encrypt, CN = R11\nverify return:1\ndepth=0 CN = ${host.name}\nverify return:1\nDONE\n`);
}

function refused(): CommandAnswer {
  const stdout = [
    'CONNECTED(00000003)',
    '---',
    'no peer certificate available',
    '---',
    'New, (NONE), Cipher is (NONE)',
    'SSL-Session:',
    '    Protocol  : TLSv1.2',
    '    Cipher    : 0000',
    '---',
    '',
  ].join('\n');
  return answer(stdout, '40B740C27D7F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../ssl/record/rec_layer_s3.c:1601:SSL alert number 40\n', 1);
}

function capabilityAnswer(host: DemoHostSpec | undefined, port: number, protocol: string): CommandAnswer {
  if (!host || !STARTTLS_PORTS.has(port) || !servedPorts(host).includes(port)) return answer('', 'bash: connect: Connection refused\n', 3);
  if (protocol === 'smtp') {
    return answer(
      [
        `S: 220 ${host.name} ESMTP Postfix (Debian/GNU)`,
        'C: EHLO opsdeck.invalid',
        `S: 250-${host.name}`,
        'S: 250-PIPELINING',
        'S: 250-SIZE 52428800',
        'S: 250-STARTTLS',
        'S: 250-ENHANCEDSTATUSCODES',
        'S: 250 8BITMIME',
        '',
      ].join('\n'),
    );
  }
  return answer('', 'bash: connect: Connection refused\n', 3);
}
