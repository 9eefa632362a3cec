// The Audit log page says what "Verify chain" proved: a keyed chain is shown
// as verified against forgery; without a keychain it is shown as intact but
// NOT verified against forgery, with the reason — never a plain tick.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { SecretStoreUnavailableError, type SecretStore } from '../../main/engine/secrets/secret-store';
import { startBridgeSession } from '../support/bridge-session';
import { launchChromium, saveScreenshot } from '../support/chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const unavailable = async (): Promise<never> => {
  throw new SecretStoreUnavailableError('keytar cannot load: e2e without a keychain');
};
const noKeychain: SecretStore = { get: unavailable, set: unavailable, delete: unavailable };

async function verdictWith(secrets: SecretStore, screenshot: string): Promise<{ text: string; className: string }> {
  const session = await startBridgeSession({ secrets });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 500 } });
    await page.goto(`${session.bridge.url}#/audit`);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verdict = page.getByTestId('audit-verdict');
    await expect.poll(() => verdict.isVisible()).toBe(true);
    await saveScreenshot(page, screenshot);
    const result = { text: (await verdict.textContent()) ?? '', className: (await verdict.getAttribute('class')) ?? '' };
    await page.close();
    return result;
  } finally {
    await session.close();
  }
}

describe.shuffle('the verdict of Verify chain', () => {
  test('a keyed log is shown as intact and keyed', { timeout: 180_000 }, async () => {
    const verdict = await verdictWith(new MemorySecretStore(), 'audit-verify-keyed');
    expect(verdict.className).toBe('ok');
    expect(verdict.text).toMatch(/^✓ \d+ entries, chain intact and keyed .*keyed with key [0-9a-f]{16} from the keychain/);
  });

  test('without a keychain the page says the chain is not verified against forgery, and why', { timeout: 180_000 }, async () => {
    const verdict = await verdictWith(noKeychain, 'audit-verify-unkeyed');
    expect(verdict.className).toBe('warning');
    expect(verdict.text).toMatch(/^⚠ \d+ entries, chain intact but not verified against forgery .*OS keychain is not available/);
  });
});
