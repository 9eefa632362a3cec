// The host page's facts come from the engine as views (no `unknown` in the
// contract): each area in the shape this engine writes is passed through,
// an area stored by an older engine in another shape is left out, and areas
// the host page does not read (firewall, transport) are not sent.
import { expect, test } from 'vitest';
import { hostFactsView } from '../../../main/engine/views/area-host-views';

const patches = {
  os: 'debian',
  pendingUpdates: [{ name: 'openssl', from: '3.0.14', to: '3.0.15', security: true, suites: ['bookworm-security'] }],
  vulnerablePackages: [],
  reboot: { needed: false, reasons: [] },
  packageIndex: { ageHours: 2, stale: false },
};
const access = { os: 'debian', accounts: { status: 'ok', value: [], message: null }, keys: { status: 'ok', value: [], message: null }, sshd: { status: 'ok', value: null, message: null } };
const backups = { jobs: [{ index: 0, tool: 'restic', state: 'ok', message: null, snapshotCount: 0, latest: null, hostRestoreTest: null, rpoHours: 24, snapshots: [] }] };
const encryption = { os: 'smartos', complete: true, volumes: [], deviceTree: [], checks: [] };

test('every area the host page reads is passed through when it has the shape this engine writes', () => {
  const view = hostFactsView({ patches, access, backups, encryption, firewall: { rules: [] }, transport: { services: [] } });
  expect(view).toEqual({ patches, access, backups, encryption });
});

test('an area stored in another shape (an older engine, a damaged row) is left out, the others kept', () => {
  const view = hostFactsView({ patches: { os: 'debian', pending: [] }, access: null, backups: { jobs: 'none' }, encryption: { os: 'debian', volumes: [] } });
  expect(view).toEqual({});
  expect(hostFactsView({ patches, encryption: { ...encryption, os: 'windows' } })).toEqual({ patches });
  expect(hostFactsView({})).toEqual({});
});
