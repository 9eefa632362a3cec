// A manager reading the team store as a viewer: no inventory, no SSH key, no
// demo fleet of their own. The app opens on the Status page (Alt+0) with the
// status an operator's scan recorded, both sites side by side, and the status
// bar says "Team store · carol (viewer)" in words. Checked at 1440, 1024 and
// 200 % zoom; the screenshots are looked at.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ScanFinishedEvent } from '../../preload/contract';
import { createEngine } from '../../main/engine/engine';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { initTeamStore } from '../../main/engine/store/team-store-admin';
import { startBridgeSession, type BridgeSession } from '../support/bridge-session';
import { launchChromium, saveScreenshot } from '../support/chromium';
import { startRealPostgres, type RealPostgres } from '../support/real-postgres';

const acceptingPrompter = { confirmUnknownHostKey: async () => true, keyboardInteractive: async () => null, keyPassphrase: async () => null };
let server: RealPostgres;
let dir: string;
let session: BridgeSession | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-team-viewer-'));
  server = await startRealPostgres();
  await server.createDatabase('opsdeck');
  await initTeamStore(server.url('opsdeck'), [
    { login: 'alice', role: 'operator' },
    { login: 'carol', role: 'viewer' },
  ]);
  for (const login of ['alice', 'carol']) await server.sql('postgres', `ALTER ROLE ${login} PASSWORD '${login}-pw'`);
  const alice = await createEngine({
    dataDir: join(dir, 'alice'),
    storeUrl: server.url('opsdeck', 'alice', 'alice-pw'),
    userKnownHostsPath: null,
    secrets: new MemorySecretStore(),
    prompter: acceptingPrompter,
    demoFleet: 'always',
    demoHosts: 14,
  });
  try {
    const done = new Promise<ScanFinishedEvent>((resolve) => alice.events.subscribe((name, payload) => name === 'scan:finished' && resolve(payload as ScanFinishedEvent)));
    await alice.handlers['scan.start']({ scope: { kind: 'fleet' } });
    expect((await done).ok).toBe(14);
  } finally {
    await alice.dispose();
  }
  session = await startBridgeSession({
    dataDir: join(dir, 'carol'),
    storeUrl: server.url('opsdeck', 'carol', 'carol-pw'),
    demoFleet: 'when-empty',
    userKnownHostsPath: null,
    secrets: new MemorySecretStore(),
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await session?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

let first: Page | undefined;
/** The bridge URL serves one browser session: later pages carry the first page's session cookie, so the first page's context stays open. */
async function viewerPage(viewport: { width: number; height: number }, deviceScaleFactor = 1): Promise<Page> {
  const context = await browser!.newContext({ viewport, deviceScaleFactor });
  if (first) await context.addCookies(await first.context().cookies());
  const page = await context.newPage();
  first ??= page;
  await page.goto(session!.bridge.url);
  return page;
}

async function closeUnlessFirst(page: Page): Promise<void> {
  if (page !== first) await page.context().close();
}

describe.shuffle('a viewer on the team store', () => {
  test('a viewer lands on Status with the team store named in words; both sites side by side', async () => {
    const page = await viewerPage({ width: 1440, height: 900 });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Status');
    expect(page.url()).toMatch(/#\/status$/);
    expect(await page.getByTestId('team-store-label').textContent()).toBe('Team store · carol (viewer)');
    await expect.poll(() => page.locator('tr[data-control="necessaryCommunications"] td[data-dc="nj"] [data-status]').getAttribute('data-status')).toBe('broken');
    expect(await page.locator('table.status-controls thead th').allTextContents()).toEqual(['Control', 'Bridgewater, NJ (primary)', 'Seattle, WA (secondary)']);
    await saveScreenshot(page, 'team-viewer-1440');
  });

  test("at 1024 px and at 200 % zoom the viewer's status page does not overflow", async () => {
    for (const layout of [
      { name: '1024', viewport: { width: 1024, height: 768 }, scale: 1 },
      { name: 'zoom200', viewport: { width: 720, height: 450 }, scale: 2 },
    ]) {
      const page = await viewerPage(layout.viewport, layout.scale);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Status');
      await expect.poll(() => page.locator('tr[data-control="necessaryCommunications"] td[data-dc="nj"] [data-status]').count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await saveScreenshot(page, `team-viewer-${layout.name}`);
      await closeUnlessFirst(page);
    }
  });
});
