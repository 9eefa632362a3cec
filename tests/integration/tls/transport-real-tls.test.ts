// The transport probes' exact command lines, run by a shell against a real
// TLS server (`openssl s_server` on loopback, TLS 1.0 allowed, a self-signed
// certificate expiring in 10 days), then parsed and judged: the planted
// problems are findings on §5, and the parts that hold are not.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommandOutput } from '../../../main/engine/collectors/host-command';
import { transportCommands } from '../../../main/engine/collectors/transport/transport-commands';
import { transportFacts } from '../../../main/engine/collectors/transport/transport-facts';
import type { TransportService } from '../../../main/engine/inventory/transport-policy-schema';
import type { HostContext } from '../../../main/engine/posture/host-context';
import { transportFindings } from '../../../main/engine/posture/transport-findings';
import { makeSelfSignedCertificate } from '../../support/self-signed-certificate';

const NAME = 'pop1.lab.test';
let dir: string;
let server: ChildProcess;
let port: number;

function requireTool(tool: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`]);
  if (found.status !== 0) throw new Error(`this test needs ${tool}, which is not installed (apt-get install ${tool === 'openssl' ? 'openssl' : tool})`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForListener(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const probe = spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`]);
    if (probe.status === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`openssl s_server did not listen on 127.0.0.1:${port}`);
}

function run(command: { id: string; command: string }): CommandOutput {
  const started = Date.now();
  const result = spawnSync('sh', ['-c', command.command], { encoding: 'utf8', timeout: 30_000 });
  return { id: command.id, command: command.command, stdout: result.stdout, stderr: result.stderr, exitCode: result.status, durationMs: Date.now() - started, error: null };
}

beforeAll(async () => {
  requireTool('openssl');
  requireTool('bash');
  requireTool('timeout');
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-tls-'));
  makeSelfSignedCertificate({ certificate: join(dir, 'cert.pem'), key: join(dir, 'key.pem') }, [NAME], 10);
  port = await freePort();
  server = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', join(dir, 'cert.pem'), '-key', join(dir, 'key.pem'), '-cipher', 'DEFAULT:@SECLEVEL=0', '-quiet'], {
    stdio: 'ignore',
  });
  await waitForListener();
}, 30_000);

afterAll(() => {
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('transport probes against a real TLS server', () => {
  test('TLS 1.0/1.1 offered, a certificate expiring in 10 days and an untrusted chain are findings on §5; forward secrecy holds', () => {
    const services: TransportService[] = [{ protocol: 'pop3s', port, name: NAME }];
    const commands = transportCommands(services, '127.0.0.1', NAME);
    const outputs = commands.map(run);
    const facts = transportFacts('debian', outputs, services, NAME, null);
    const service = facts.services[0]!;
    expect(service.handshake.value).toMatchObject({ established: true, protocol: 'TLSv1.3', verifyCode: 18 });
    expect(service.versions).toEqual({ TLSv1: 'accepted', 'TLSv1.1': 'accepted', 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' });
    expect(service.nonForwardSecret.answer).toBe('refused');

    const context: HostContext = {
      host: 'pop1.lab',
      dc: 'lab',
      siteRole: 'primary',
      os: 'debian',
      now: new Date(),
      policy: {
        roles: ['pop'],
        allowedPorts: [],
        patchSlaHours: 24,
        backupRpoHours: 24,
        restoreTestMaxAgeDays: 30,
        platformImageMaxAgeDays: 180,
        transport: { services, address: '127.0.0.1', hostName: NAME, certificateWarningDays: 30 },
      },
    };
    const findings = transportFindings(facts, context);
    expect(findings.map((finding) => finding.id).sort()).toEqual(
      [`transport.certificate-chain:pop1.lab:pop3s/${port}`, `transport.certificate-expiring:pop1.lab:pop3s/${port}`, `transport.old-protocol:pop1.lab:pop3s/${port}`].sort(),
    );
    expect(findings.every((finding) => finding.control === 'encryptedTransport')).toBe(true);
    expect(findings.find((finding) => finding.id.startsWith('transport.old-protocol'))!.title).toContain('TLSv1 and TLSv1.1');
  }, 120_000);

  test('a name the certificate does not carry is a name finding', () => {
    const services: TransportService[] = [{ protocol: 'imaps', port, name: 'imap.other.test' }];
    const facts = transportFacts(
      'debian',
      transportCommands(services, '127.0.0.1', NAME)
        .filter((command) => command.id.endsWith('.handshake'))
        .map(run),
      services,
      NAME,
      null,
    );
    expect(facts.services[0]!.handshake.value).toMatchObject({ established: true, verifyCode: 62 });
  }, 60_000);
});
