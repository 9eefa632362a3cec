// An operator's workstation on the team store when the store goes away: the
// status bar says in words that it is offline, since when, and how many
// results wait on this workstation; when the server is back the warning
// goes and the results are in the store. A real PostgreSQL, killed with
// `pg_ctl stop -m immediate`; screenshots at 1440 and 200 % looked at.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ScanFinishedEvent } from '../../preload/contract';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { startBridgeSession, type BridgeSession } from '../support/bridge-session';
import { launchChromium, saveScreenshot } from '../support/chromium';
import { makeTeamStore, startRealPostgres, type RealPostgres } from '../support/real-postgres';

const DEMO_HOSTS = 14;
let server: RealPostgres;
let dir: string;
let session: BridgeSession | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-team-offline-'));
  server = await startRealPostgres();
  await makeTeamStore(server, 'opsdeck', [{ login: 'alice', role: 'operator' }]);
  session = await startBridgeSession({
    dataDir: join(dir, 'alice'),
    storeUrl: server.url('opsdeck', 'alice', 'alice-pw'),
    demoFleet: 'always',
    demoHosts: DEMO_HOSTS,
    userKnownHostsPath: null,
    secrets: new MemorySecretStore(),
    prompter: { confirmUnknownHostKey: async () => true, keyboardInteractive: async () => null, keyPassphrase: async () => null },
    outboxRetryMs: 300,
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(session.bridge.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await session?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('the store dies: the status bar says offline since when and how many results wait; when it is back the warning goes', async () => {
  const engine = session!.engine;
  await expect.poll(() => page.getByTestId('team-store-label').textContent()).toBe('Team store · alice (operator)');
  expect(await page.getByTestId('team-store-offline').count()).toBe(0);
  await server.crash();
  const done = new Promise<ScanFinishedEvent>((resolve) => engine.events.subscribe((name, payload) => name === 'scan:finished' && resolve(payload as ScanFinishedEvent)));
  await engine.handlers['scan.start']({ scope: { kind: 'fleet' } });
  expect((await done).ok).toBe(DEMO_HOSTS);
  const offline = page.getByTestId('team-store-offline');
  await expect.poll(() => offline.count()).toBe(1);
  const queued = (await engine.handlers['app.info']({})).store.offline!.queued;
  await expect.poll(() => offline.textContent()).toMatch(new RegExp(`^⚠ offline since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d(:\\d\\d)? · ${queued} results kept here until it returns$`));
  await saveScreenshot(page, 'team-store-offline-1440');
  const narrow = await (await browser!.newContext({ viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 })).newPage();
  await narrow.context().addCookies(await page.context().cookies());
  await narrow.goto(session!.bridge.url);
  await expect.poll(() => narrow.getByTestId('team-store-offline').count()).toBe(1);
  expect(await narrow.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await saveScreenshot(narrow, 'team-store-offline-zoom200');
  await narrow.context().close();

  await server.start();
  await expect.poll(() => offline.count(), { timeout: 30_000 }).toBe(0);
  const [hosts] = await server.sql('opsdeck', 'SELECT count(*)::int AS n FROM host_results');
  expect(hosts!.n).toBe(DEMO_HOSTS);
}, 120_000);
