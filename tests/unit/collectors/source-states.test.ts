// The areas that keep each command's parse beside the others (access,
// transport, retention) read their outputs through the one reader: a command
// cut off mid-output is `no-answer` and its half output is never parsed, a
// command not run is `not-run`, a refused `sudo -n` is `needs-privilege` —
// the same states the firewall, encryption and patch areas report.
import { expect, test } from 'vitest';
import { ACCESS_COMMAND_IDS } from '../../../main/engine/collectors/access/access-commands';
import { accessFacts } from '../../../main/engine/collectors/access/access-facts';
import type { CommandOutput } from '../../../main/engine/collectors/host-command';
import { RETENTION_COMMAND_IDS } from '../../../main/engine/collectors/retention/retention-commands';
import { retentionFacts } from '../../../main/engine/collectors/retention/retention-facts';
import { transportCommandId } from '../../../main/engine/collectors/transport/transport-commands';
import { transportFacts } from '../../../main/engine/collectors/transport/transport-facts';

const output = (id: string, stdout: string, exitCode: number | null, stderr = '', error: string | null = null): CommandOutput => ({
  id,
  command: `env LC_ALL=C ${id}`,
  stdout,
  stderr,
  exitCode,
  durationMs: 1,
  error,
});
const SUDO_REFUSED = 'sudo: a password is required\n';

test('access: a cut-off passwd listing is no-answer, not the accounts it got to; absent and sudo-refused sources say so', () => {
  const facts = accessFacts('debian', [
    output(ACCESS_COMMAND_IDS.passwd, 'root:x:0:0:root:/root:/bin/bash\nmallory:x:1001:1001::/home/mall', null),
    output(ACCESS_COMMAND_IDS.passwordStatus, '', 1, SUDO_REFUSED),
  ]);
  expect([facts.accounts.status, facts.accounts.value, facts.accounts.message]).toEqual(['no-answer', null, `env LC_ALL=C ${ACCESS_COMMAND_IDS.passwd} did not finish`]);
  expect(facts.passwords.status).toBe('needs-privilege');
  expect([facts.keys.status, facts.keys.message]).toEqual(['not-run', `${ACCESS_COMMAND_IDS.authorizedKeys} was not run`]);
});

test('retention: a journald listing whose channel was lost is no-answer with the transport error; SmartOS has no journal, and its logadm rules not run are not-run', () => {
  const lost = 'log1.nj: channel lost after 12 s';
  const facts = retentionFacts('debian', [output(RETENTION_COMMAND_IDS.journald, '[Journal]\nMaxRetention', null, '', lost)]);
  expect([facts.journald?.status, facts.journald?.message, facts.journald?.value]).toEqual(['no-answer', lost, null]);
  expect(facts.rotation.status).toBe('not-run');
  const smartos = retentionFacts('smartos', []);
  expect([smartos.journald, smartos.rotation.status, smartos.oldestLogs.status]).toEqual([null, 'not-run', 'not-run']);
});

test('transport: a handshake probe cut mid-certificate is no-answer, and its versions are unknown rather than refused', () => {
  const service = { protocol: 'imaps' as const, port: 993, name: 'imap1.nj' };
  const cut = output(transportCommandId(0, 'handshake'), 'CONNECTED(00000003)\n---\nCertificate chain\n 0 s:CN = imap1', null);
  const facts = transportFacts('debian', [cut], [service], 'imap1.nj', null);
  const read = facts.services[0]!;
  expect(read.handshake.status).toBe('no-answer');
  expect(Object.values(read.versions)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  expect(read.nonForwardSecret.answer).toBe('unknown');
});
