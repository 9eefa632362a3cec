// Settings: point OpsDeck at an inventory (a broken one shows its problems
// with line and column and changes nothing), and import an Ansible one. A
// browser has no native file dialog, so the session is started with the
// test's folder allowed (as `opsdeck dev-browser --allow-dir DIR` would be);
// a path outside it is refused.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBridgeSession, type BridgeSession } from '../support/bridge-session';
import { launchChromium, saveScreenshot } from '../support/chromium';

let session: BridgeSession;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-settings-e2e-'));
  session = await startBridgeSession({ allowedFileRoots: [dir] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

/** Each test opens Settings afresh and reads the fleet it starts with: another test may have changed it. */
async function openSettings(): Promise<string> {
  await page.goto('about:blank');
  await page.goto(`${session.bridge.url}#/settings`);
  const label = page.getByTestId('fleet-label');
  await expect.poll(() => label.textContent()).toMatch(/\S/);
  return (await label.textContent())!;
}

afterAll(async () => {
  await browser?.close();
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.shuffle('Settings', () => {
  test('a broken inventory shows each problem with file, line and column, and the fleet stays as it was', async () => {
    const fleet = await openSettings();
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'datacentres:\n  - id: nj\n    name: NJ\n    role: primary\nhosts:\n  - { name: a.nj, address: 10.0.0.1, user: ops, os: windows, dc: nj }\n');
    await page.getByLabel('Inventory file').fill(broken);
    await page.getByRole('button', { name: 'Load inventory' }).click();
    await expect.poll(() => page.locator('.problems li').first().textContent()).toMatch(new RegExp(`broken\\.yaml:6:\\d+: .*windows`));
    expect(await page.getByTestId('fleet-label').textContent()).toBe(fleet);
  });

  test('importing an Ansible inventory writes a new OpsDeck file and makes it the fleet', async () => {
    await openSettings();
    const ini = join(dir, 'hosts.ini');
    await writeFile(ini, '[imap]\nimap1.nj ansible_host=10.1.0.11 ansible_user=ops\n[db]\ndb1.nj ansible_host=10.1.0.21 ansible_user=ops\n');
    await page.getByLabel('Ansible inventory (INI or YAML)').fill(ini);
    await page.getByLabel('Save as (new file)').fill(join(dir, 'imported.yaml'));
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('.import-form [role=status]').textContent()).toMatch(/^Imported 2 hosts into .*imported\.yaml/);
    expect(await page.locator('.warnings li').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('fleet-label').textContent()).toBe('imported.yaml');
    await saveScreenshot(page, 'settings-import');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('.import-form [role=status]').textContent()).toMatch(/already exists/);
  });

  test('a file outside the allowed folders is refused by name, and reading it changes nothing', async () => {
    const fleet = await openSettings();
    await writeFile(join(dir, 'hosts.ini'), '[imap]\nimap1.nj ansible_host=10.1.0.11 ansible_user=ops\n');
    await page.getByLabel('Inventory file').fill('/etc/passwd');
    await page.getByRole('button', { name: 'Load inventory' }).click();
    await expect.poll(() => page.locator('.settings > p[role=status]').textContent()).toMatch(/^OpsDeck will not open \/etc\/passwd: choose it with the file dialog/);
    expect(await page.getByTestId('fleet-label').textContent()).toBe(fleet);

    await page.getByLabel('Ansible inventory (INI or YAML)').fill(join(dir, 'hosts.ini'));
    await page.getByLabel('Save as (new file)').fill('/tmp/opsdeck-e2e-outside.yaml');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('.import-form [role=status]').textContent()).toMatch(/^OpsDeck will not open \/tmp\/opsdeck-e2e-outside\.yaml/);
    expect(existsSync('/tmp/opsdeck-e2e-outside.yaml')).toBe(false);

    await page.getByRole('button', { name: 'Pick an inventory with the file dialog' }).click();
    await expect.poll(() => page.locator('.settings > p[role=status]').textContent()).toMatch(/this front end has no file dialog/);
    await saveScreenshot(page, 'settings-path-refused');
  });
});
