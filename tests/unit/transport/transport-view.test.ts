// What the transport page shows per service and per site, from the facts as
// the engine stores them: an unread probe is "not read", never "refused"; the
// soonest certificate is named; findings belong to their service.
import { expect, test } from 'vitest';
import type { FindingView, TransportFactsView } from '../../../preload/contract';
import { serviceRows, siteTransportSummary, type HostTransport } from '../../../renderer/pages/transport/transport-view';

const NOW = new Date('2026-12-05T10:00:00.000Z');
type Service = TransportFactsView['services'][number];

function service(protocol: string, port: number, overrides: Partial<Service> = {}, notAfter = '2027-02-14T00:00:00.000Z'): Service {
  return {
    service: { protocol, port, name: null },
    name: 'mx1.sea',
    handshake: {
      status: 'ok',
      message: null,
      value: {
        connected: true,
        established: true,
        protocol: 'TLSv1.3',
        cipher: 'TLS_AES_256_GCM_SHA384',
        chain: [{ depth: 0, subject: 'CN = mx1.sea', issuer: 'CN = R11', notBefore: null, notAfter }],
        verifyCode: 0,
        verifyText: 'ok',
        tempKey: 'X25519, 253 bits',
        failure: null,
      },
    },
    versions: { TLSv1: 'refused', 'TLSv1.1': 'refused', 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' },
    nonForwardSecret: { answer: 'refused', cipher: null },
    capabilities: protocol === 'smtp' ? { status: 'ok', message: null, value: { offersStarttls: true, plaintextLogins: [], capabilities: ['STARTTLS'] } } : null,
    hsts: protocol === 'https' ? { status: 'ok', message: null, value: { status: '200', header: 'max-age=31536000', maxAgeSeconds: 31_536_000, includeSubDomains: false } } : null,
    ...overrides,
  };
}

const host = (name: string, dc: string, services: Service[], notProbed: string | null = null): HostTransport => ({ host: name, dc, facts: { os: 'debian', notProbed, services } });
const finding = (id: string, hostName: string): FindingView => ({
  id,
  host: hostName,
  dc: 'sea',
  area: 'transport',
  control: 'encryptedTransport',
  severity: 'high',
  title: id,
  detail: '',
  evidence: { commandIds: [], excerpt: [] },
});

test('a healthy SMTP and HTTPS service read in words; an expiring certificate counts its whole days left', () => {
  const rows = serviceRows(host('mx1.sea', 'sea', [service('smtp', 25, {}, '2026-12-17T00:00:00.000Z'), service('https', 443)]), [], NOW);
  expect(rows.map((row) => [row.service, row.protocol, row.daysLeft, row.oldVersionsAccepted, row.forwardSecrecyOnly, row.starttls, row.hsts])).toEqual([
    ['smtp 25', 'TLSv1.3', 11, [], 'yes', 'yes', 'n/a'],
    ['https 443', 'TLSv1.3', 70, [], 'yes', 'n/a', 365],
  ]);
});

test('an old protocol accepted is named; an unread version probe, an unread handshake and an unread HSTS are "not read", not refused', () => {
  const old = service('pop3s', 995, { versions: { TLSv1: 'accepted', 'TLSv1.1': 'refused', 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' } });
  const unreadVersion = service('imaps', 993, { versions: { TLSv1: 'unknown', 'TLSv1.1': 'refused', 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' } });
  const unreadHandshake = service('smtps', 465, { handshake: { status: 'no-answer', message: 'timed out', value: null } });
  const unreadHsts = service('https', 443, { hsts: { status: 'unparsed', message: 'no status line', value: null } });
  const rows = serviceRows(host('imap1.nj', 'nj', [old, unreadVersion, unreadHandshake, unreadHsts]), [], NOW);
  expect(rows.map((row) => [row.service, row.handshake, row.oldVersionsAccepted, row.daysLeft, row.hsts])).toEqual([
    ['pop3s 995', 'established', ['TLSv1'], 70, 'n/a'],
    ['imaps 993', 'established', null, 70, 'n/a'],
    ['smtps 465', 'unread', [], null, 'n/a'],
    ['https 443', 'established', [], 70, null],
  ]);
  const summary = siteTransportSummary([host('imap1.nj', 'nj', [])], rows);
  expect(summary).toMatchObject({ services: 4, oldProtocols: 1, unchecked: 3, expiringSoon: 0, soonestExpiry: { host: 'imap1.nj', daysLeft: 70 } });
});

test('a refused handshake is a failing service, named with the reason, not an unchecked one', () => {
  const refused = service('smtp', 25, {
    handshake: {
      status: 'ok',
      message: null,
      value: { connected: true, established: false, protocol: null, cipher: null, chain: [], verifyCode: null, verifyText: null, tempKey: null, failure: 'sslv3 alert handshake failure' },
    },
  });
  const rows = serviceRows(host('mx2.nj', 'nj', [refused]), [], NOW);
  expect(rows.map((row) => [row.handshake, row.failure])).toEqual([['failed', 'sslv3 alert handshake failure']]);
  expect(siteTransportSummary([host('mx2.nj', 'nj', [refused])], rows)).toMatchObject({ noHandshake: 1, unchecked: 0 });
});

test("a site's summary: the soonest expiry named, findings per service, hosts without a bastion counted as not probed", () => {
  const hosts = [
    host('mx1.sea', 'sea', [service('smtp', 25, {}, '2026-12-17T00:00:00.000Z'), service('smtps', 465, {}, '2026-12-17T00:00:00.000Z')]),
    host('web1.sea', 'sea', [], 'no bastion in front of it'),
  ];
  const findings = [finding('transport.certificate-expiring:mx1.sea:smtp/25', 'mx1.sea'), finding('transport.certificate-expiring:mx1.sea:smtps/465', 'mx1.sea')];
  const rows = hosts.flatMap((each) => serviceRows(each, findings, NOW));
  expect(rows.map((row) => row.findings.map((each) => each.id))).toEqual([['transport.certificate-expiring:mx1.sea:smtp/25'], ['transport.certificate-expiring:mx1.sea:smtps/465']]);
  expect(siteTransportSummary(hosts, rows)).toEqual({
    hosts: 2,
    notProbed: 1,
    services: 2,
    servicesWithoutFindings: 0,
    noHandshake: 0,
    oldProtocols: 0,
    withoutForwardSecrecy: 0,
    expiringSoon: 2,
    soonestExpiry: { host: 'mx1.sea', service: 'smtp 25', daysLeft: 11 },
    starttlsMissing: 0,
    hstsMissing: 0,
    unchecked: 0,
  });
});
