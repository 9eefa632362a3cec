import { expect, test } from 'vitest';
import { defineArea } from '../../../main/engine/areas/area-definition';
import { AREAS } from '../../../main/engine/areas/area-registry';
import { assessArea } from '../../../main/engine/areas/assess-area';
import type { HostContext } from '../../../main/engine/posture/host-context';

const context: HostContext = {
  host: 'mx1.nj',
  dc: 'nj',
  siteRole: 'primary',
  os: 'debian',
  policy: { roles: ['mx'], allowedPorts: [], patchSlaHours: 72, backupRpoHours: 24, restoreTestMaxAgeDays: 90, platformImageMaxAgeDays: 180 },
  now: new Date('2026-03-01T00:00:00Z'),
};

const throwing = (message: string) => () => {
  throw new Error(message);
};

test('an area whose facts step throws gives no facts and one finding naming the area, its control and the error', () => {
  const area = defineArea<{ seen: number }>({ area: 'patches', control: 'softwareUpdates', commands: { debian: [], smartos: [] }, facts: throwing('index out of range'), findings: () => [] });
  const assessed = assessArea(area, 'debian', [], undefined, context);
  expect(assessed.facts).toBeUndefined();
  expect(assessed.findings.map((finding) => [finding.id, finding.severity, finding.control, finding.detail])).toEqual([
    ['patches.unanalysed:mx1.nj', 'high', 'softwareUpdates', 'OpsDeck could not analyse the patches outputs (index out of range), which are kept as evidence'],
  ]);
});

test('an area with facts that can say why it could not analyse gets those facts, judged by its own findings step', () => {
  const area = defineArea<{ reason: string | null }>({
    area: 'encryption',
    control: 'onDiskEncryption',
    commands: { debian: [], smartos: [] },
    facts: throwing('boom'),
    findings: (facts) =>
      facts.reason
        ? [{ id: 'x', host: 'mx1.nj', dc: 'nj', area: 'encryption', control: 'onDiskEncryption', severity: 'medium', title: facts.reason, detail: '', evidence: { commandIds: [], excerpt: [] } }]
        : [],
    unanalysed: (_os, reason) => ({ reason }),
  });
  const assessed = assessArea(area, 'debian', [], undefined, context);
  expect(assessed.facts).toEqual({ reason: 'OpsDeck could not analyse the encryption outputs (boom), which are kept as evidence' });
  expect(assessed.findings.map((finding) => finding.title)).toEqual(['OpsDeck could not analyse the encryption outputs (boom), which are kept as evidence']);
});

test('a findings step that throws keeps the facts and says the facts could not be judged', () => {
  const area = defineArea<{ n: number }>({ area: 'backups', control: 'backupVerification', commands: { debian: [], smartos: [] }, facts: () => ({ n: 1 }), findings: throwing('no job') });
  const assessed = assessArea(area, 'debian', [], undefined, context);
  expect(assessed.facts).toEqual({ n: 1 });
  expect(assessed.findings.map((finding) => [finding.id, finding.detail])).toEqual([
    ['backups.unanalysed:mx1.nj', 'OpsDeck could not judge the backups facts (no job); the outputs are kept as evidence'],
  ]);
});

test('every registered area is guarded: given outputs that throw when read, each still yields a finding or facts, never an exception', () => {
  const broken = new Proxy([], {
    get() {
      throw new Error('unreadable');
    },
  });
  expect(AREAS.map((area) => area.area)).toEqual(['firewall', 'encryption', 'patches', 'backups', 'access', 'transport', 'retention']);
  for (const area of AREAS) {
    const assessed = assessArea(area, 'debian', broken, undefined, context);
    expect(assessed.findings.length + (assessed.facts === undefined ? 0 : 1), area.area).toBeGreaterThan(0);
  }
});
