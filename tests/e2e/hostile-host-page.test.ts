// A hostile host's page: bidi overrides in its hostname, findings and raw
// output are shown as visible markers, never applied; a huge raw output comes
// as its first 256 KiB with its size, a "cut" marker, and pages on request.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommandExecutor, ExecOutcome } from '../../main/engine/scan/command-executor';
import { startBridgeSession, type BridgeSession } from '../support/bridge-session';
import { launchChromium, saveScreenshot } from '../support/chromium';

let session: BridgeSession;
let browser: Browser;
let page: Page;
let dir: string;

const MiB = 1024 * 1024;
const ok = (stdout: string): ExecOutcome => ({ stdout, stderr: '', exitCode: 0, signal: null, durationMs: 2 });

/** Answers as a compromised host would: a bidi-spoofed hostname, and an nft answer cut at the per-command cap. */
const hostile: CommandExecutor = {
  exec: async (_route, command) => {
    if (command.endsWith(' hostname')) return ok('mx1\u202egnp.exe\n');
    if (command.endsWith('cat /etc/os-release')) return ok('NAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\n');
    if (command.endsWith('uname -r')) return ok('6.1.0-28-amd64\n');
    if (command.endsWith('nft -j list ruleset')) {
      const text = `{"nftables": [${'{"metainfo": {"version": "1.0.6"}}, '.repeat(MiB / 32)}`.slice(0, MiB);
      return { ...ok(text), exitCode: null, truncated: { cap: 'command', capBytes: MiB, keptBytes: MiB } };
    }
    return { stdout: '', stderr: `sh: 1: ${command}: not found\n`, exitCode: 127, signal: null, durationMs: 1 };
  },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-hostile-page-e2e-'));
  const inventory = join(dir, 'inventory.yaml');
  await writeFile(inventory, 'datacentres:\n  - { id: nj, name: NJ, role: primary }\nhosts:\n  - { name: mx1.nj, address: 10.0.0.1, user: ops, os: debian, dc: nj }\n');
  session = await startBridgeSession({ inventoryPath: inventory, executor: hostile });
  const finished = new Promise<void>((resolve) => session.engine.events.subscribe((name) => name === 'scan:finished' && resolve()));
  await session.engine.handlers['scan.start']({ scope: { kind: 'fleet' } });
  await finished;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 300_000);

/** Loads the host's page afresh: no output left open or paged by another test. */
async function openHostPage(): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${session.bridge.url}#/host/mx1.nj`);
}

afterAll(async () => {
  await browser?.close();
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens the collapsed raw output of the command whose line ends with `command`. */
async function openRawOutput(command: string) {
  const details = page.locator('details.raw-output-details').filter({ has: page.locator('summary code', { hasText: command }) });
  await expect.poll(() => details.count()).toBe(1);
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  return page.getByRole('region', { name: new RegExp(`^Output of .*${command}$`) });
}

describe.shuffle("a hostile host's page", () => {
  test("a bidi override in a host's text is shown as a marker, not applied", async () => {
    await openHostPage();
    // Not a plausible host name, so identity does not take it; the evidence shows it, with the override made visible.
    await expect.poll(() => page.locator('dl.identity dd').first().textContent()).toBe('—');
    const hostname = await openRawOutput('hostname');
    await expect.poll(() => hostname.locator('pre').first().textContent()).toBe('mx1[U+202E]gnp.exe\n');
    expect(await page.evaluate(() => /[\u202a-\u202e\u2066-\u2069]/.test(document.body.innerText))).toBe(false);
  });

  test('a cut output shows its size and the cut, only its first 256 KiB, and pages on request', async () => {
    await openHostPage();
    const nft = await openRawOutput('nft -j list ruleset');
    await expect.poll(() => nft.locator('[role=status]').textContent()).toBe('cut at the per-command cap (1.0 MiB): first 1.0 MiB kept');
    await expect.poll(() => nft.locator('p.muted').textContent()).toBe('Showing the first 256 KiB of 1.0 MiB. Show 256 KiB more');
    expect((await nft.locator('pre').first().textContent())!.length).toBe(256 * 1024);
    await nft.locator('pre').first().scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'hostile-host-page');
    await nft.getByRole('button', { name: 'Show 256 KiB more' }).click();
    await expect.poll(() => nft.locator('p.muted').textContent()).toBe('Showing the first 512 KiB of 1.0 MiB. Show 256 KiB more');
    expect((await nft.locator('pre').first().textContent())!.length).toBe(512 * 1024);
  });
});
