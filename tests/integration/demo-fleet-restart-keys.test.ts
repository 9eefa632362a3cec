// The demo fleet's bastions listen on new free ports at every start (fixed
// ports would collide between runs on one machine); their host keys are
// recorded under a stable alias, so keys accepted once are not asked again
// after a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { OperatorPrompt, ScanFinishedEvent } from '../../preload/contract';
import { createEngine, type Engine } from '../../main/engine/engine';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';

const DEMO_HOSTS = 14;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-demo-restart-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scanOnce(acceptAll: boolean): Promise<{ prompts: OperatorPrompt[]; outcome: ScanFinishedEvent; bastionPorts: number[] }> {
  const engine: Engine = await createEngine({ dataDir: join(dir, 'data'), userKnownHostsPath: null, secrets: new MemorySecretStore(), demoFleet: 'always', demoHosts: DEMO_HOSTS });
  try {
    const prompts: OperatorPrompt[] = [];
    const finished = new Promise<ScanFinishedEvent>((resolve) =>
      engine.events.subscribe((name, payload) => {
        if (name === 'scan:finished') resolve(payload as ScanFinishedEvent);
        if (name !== 'operator:prompt') return;
        const prompt = payload as OperatorPrompt;
        prompts.push(prompt);
        const accept = acceptAll && prompt.kind === 'host-keys' ? prompt.keys.map((key) => key.id) : [];
        void engine.handlers['operator.answer']({ promptId: prompt.promptId, answer: { kind: 'host-keys', accept } });
      }),
    );
    await engine.handlers['scan.start']({ scope: { kind: 'fleet' } });
    const outcome = await finished;
    const bastionPorts = engine.fleet.current!.datacentres.map((dc) => dc.bastion!.port);
    return { prompts, outcome, bastionPorts };
  } finally {
    await engine.dispose();
  }
}

test('keys accepted on the first start are known after a restart on other ports: no question, every host answers', async () => {
  const first = await scanOnce(true);
  expect(first.prompts.length).toBeGreaterThan(0);
  expect(first.outcome.ok).toBe(DEMO_HOSTS);

  const second = await scanOnce(false);
  expect(second.bastionPorts).not.toEqual(first.bastionPorts);
  expect(second.prompts).toEqual([]);
  expect(second.outcome).toMatchObject({ total: DEMO_HOSTS, ok: DEMO_HOSTS });
}, 150_000);
