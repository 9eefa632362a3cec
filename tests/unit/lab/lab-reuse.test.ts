// A lab recorded as up is reused only when it is really up as this lab
// code builds it: after a killed run or a restart its state file outlives
// its daemons, and reusing it would fail every lab test with "connection refused".
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { nodeDir, sshdConfig } from '../../lab/lab-daemons';
import { labPaths } from '../../lab/lab-files';
import type { LabState } from '../../lab/lab-state';
import { processStartTime } from '../../lab/lab-system';
import { allNodes, labTopology } from '../../lab/lab-topology';
import { reasonsNotUsable } from '../../lab/lab-up';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function recordedLab(created: LabState['created']): { dir: string; state: LabState } {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-lab-reuse-'));
  dirs.push(dir);
  const topology = labTopology(dir);
  for (const node of allNodes(topology)) {
    mkdirSync(nodeDir(topology, node), { recursive: true });
    writeFileSync(join(nodeDir(topology, node), 'sshd_config'), sshdConfig(topology, node));
  }
  writeFileSync(labPaths(dir).description, JSON.stringify({ topology, paths: labPaths(dir), latency: { applied: false, reason: 'test' }, createdAt: new Date().toISOString() }));
  const state: LabState = { version: 1, complete: true, hostsPerSite: 4, createdAt: new Date().toISOString(), created: [{ kind: 'dir', path: dir }, ...created] };
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
  return { dir, state };
}

test('a lab whose recorded daemons and namespaces are all there is reused', () => {
  const { dir, state } = recordedLab([{ kind: 'process', label: 'this test', pid: process.pid, startTime: processStartTime(process.pid)! }]);
  expect(reasonsNotUsable(dir, state)).toEqual([]);
});

test('a lab whose daemons died or whose namespace is gone is not reused, naming each', () => {
  const { dir, state } = recordedLab([
    { kind: 'netns', name: 'odl-test-never-created' },
    { kind: 'process', label: 'sshd mx1.nj', pid: process.pid, startTime: 'not-its-start-time' },
  ]);
  expect(reasonsNotUsable(dir, state)).toEqual([`namespace odl-test-never-created is gone`, `sshd mx1.nj (pid ${process.pid}) is not running`]);
});

test('a lab built by other lab code (another sshd_config) is not reused', () => {
  const { dir, state } = recordedLab([]);
  const topology = labTopology(dir);
  const [bastion] = allNodes(topology);
  writeFileSync(join(nodeDir(topology, bastion!), 'sshd_config'), 'Port 22\n');
  expect(reasonsNotUsable(dir, state)).toEqual([`${bastion!.name}'s sshd_config is not what this lab code writes`]);
});
