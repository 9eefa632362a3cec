// bench:firewall, part 2 — the rules table in Chromium at 50,000 rules.
// A real engine scans one host whose firewall is a generated ruleset
// (tests/support/big-ruleset-session.ts), the built renderer opens its
// firewall page over the test bridge, and the page's own performance
// measures are read: "rules-fetch" (call to rows received), "rules-table-
// render" (rows received to the table painted) and "rules-filter" (filter
// keystroke to the filtered table painted). The keystrokes type a phrase
// into the text filter one character at a time, erase it, then a port.
// Baselines, in the same page on the same rows and phrases: Array.filter
// alone over the rows' lower-cased text (the floor for any filter), and a
// plain, non-virtualized <table> of every row whose filter hides the rows
// that do not match (keystroke to painted, measured the same way).
// Prints figures; asserts nothing. Needs `npm run build` (the renderer).
import type { Page } from 'playwright-core';
import type { OpsDeckApi } from '../../preload/contract';
import { startBigRulesetSession } from '../support/big-ruleset-session';
import { launchChromium } from '../support/chromium';

export interface RulesTableBenchResult {
  rules: number;
  /** JSON size of the host's firewall view as it crosses the contract. */
  transferMb: number;
  fetchMs: number;
  tableRenderMs: number;
  /** Keystroke to painted, per keystroke (text filter, then port filter). */
  filterMs: number[];
  textFilterMs: number[];
  arrayFilterMs: number[];
  plainRenderMs: number;
  plainFilterMs: number[];
}

const PHRASE = 'client 42';
const PORT = '10420';
export const FILTER_TARGET_MS = 50;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The text filter's successive values as the phrase is typed, then erased. */
function typedPrefixes(phrase: string): string[] {
  const typing = Array.from({ length: phrase.length }, (_, index) => phrase.slice(0, index + 1));
  return [...typing, ...typing.slice(0, -1).reverse(), ''];
}

async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((measure) => performance.getEntriesByName(measure, 'measure').map((entry) => entry.duration), name);
}

async function waitForMeasureCount(page: Page, name: string, count: number): Promise<void> {
  await page.waitForFunction(([measure, at]) => performance.getEntriesByName(measure as string, 'measure').length >= (at as number), [name, count] as const, { timeout: 30_000 });
}

/** One keystroke, then wait until its filter measure is recorded. */
async function press(page: Page, key: string): Promise<void> {
  const before = (await measures(page, 'rules-filter')).length;
  await page.keyboard.press(key);
  await waitForMeasureCount(page, 'rules-filter', before + 1);
}

export async function runRulesTableBench(ruleCount = 50_000): Promise<RulesTableBenchResult> {
  const big = await startBigRulesetSession(ruleCount);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${big.session.bridge.url}#/firewall/${encodeURIComponent(big.host)}`);
    await page.waitForFunction(() => /^(\d+) of \1 rules$/.test(document.querySelector('[data-testid="rules-count"]')?.textContent ?? ''), undefined, { timeout: 120_000 });
    await waitForMeasureCount(page, 'rules-table-render', 1);
    const rules = Number((await page.getByTestId('rules-count').textContent())!.split(' ')[0]);
    const [fetchMs] = await measures(page, 'rules-fetch');
    const [tableRenderMs] = await measures(page, 'rules-table-render');
    const transferMb = await page.evaluate(async (host) => {
      const api = (window as unknown as { opsdeck: OpsDeckApi }).opsdeck;
      const result = await api.firewall.hostRules({ host });
      return result.ok ? JSON.stringify(result.value).length / 1024 / 1024 : Number.NaN;
    }, big.host);

    const text = page.getByRole('searchbox', { name: 'Filter rules by text' });
    await text.scrollIntoViewIfNeeded();
    await text.focus();
    await page.evaluate(() => performance.clearMeasures('rules-filter'));
    for (const character of PHRASE) await press(page, character === ' ' ? 'Space' : character);
    for (let index = 0; index < PHRASE.length; index++) await press(page, 'Backspace');
    const textFilterMs = await measures(page, 'rules-filter');
    await page.getByRole('textbox', { name: 'Filter rules by destination port' }).focus();
    for (const character of PORT) await press(page, character);
    for (let index = 0; index < PORT.length; index++) await press(page, 'Backspace');
    const filterMs = await measures(page, 'rules-filter');

    const baseline = await page.evaluate(
      async ({ host, prefixes }) => {
        const api = (window as unknown as { opsdeck: OpsDeckApi }).opsdeck;
        const result = await api.firewall.hostRules({ host });
        if (!result.ok || !result.value) throw new Error('no rules');
        const rows = result.value.rules;
        const haystacks = rows.map((rule) => `${rule.text}\n${rule.comment ?? ''}\n${rule.family} ${rule.table} ${rule.chain}\n${rule.action}`.toLowerCase());
        const matches = (index: number, needle: string) =>
          needle
            .split(/\s+/)
            .filter(Boolean)
            .every((word) => haystacks[index]!.includes(word));
        const untilPainted = (started: number) =>
          new Promise<number>((resolve) =>
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve(performance.now() - started);
              channel.port2.postMessage(null);
            }),
          );
        const arrayFilterMs = prefixes.map((needle) => {
          const started = performance.now();
          rows.filter((_, index) => matches(index, needle));
          return performance.now() - started;
        });
        // The same rows in a plain table, every row in the DOM, in a box of its own so the app's layout is untouched.
        const box = document.createElement('div');
        box.style.cssText = 'position:fixed;inset:10vh 10vw;overflow:auto;background:#fff;z-index:100';
        const started = performance.now();
        const table = document.createElement('table');
        const body = document.createElement('tbody');
        const trs = rows.map((rule) => {
          const tr = document.createElement('tr');
          for (const value of [`${rule.family} ${rule.table} ${rule.chain}`, String(rule.position), rule.action, rule.text, String(rule.packets ?? '—')]) {
            const td = document.createElement('td');
            td.textContent = value;
            tr.append(td);
          }
          body.append(tr);
          return tr;
        });
        table.append(body);
        box.append(table);
        document.body.append(box);
        const plainRenderMs = await untilPainted(started);
        const plainFilterMs: number[] = [];
        for (const needle of prefixes) {
          const at = performance.now();
          for (let index = 0; index < trs.length; index++) trs[index]!.hidden = !matches(index, needle);
          plainFilterMs.push(await untilPainted(at));
        }
        box.remove();
        return { arrayFilterMs, plainRenderMs, plainFilterMs };
      },
      { host: big.host, prefixes: typedPrefixes(PHRASE) },
    );
    if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);
    return { rules, transferMb, fetchMs: fetchMs ?? Number.NaN, tableRenderMs: tableRenderMs ?? Number.NaN, filterMs, textFilterMs, ...baseline };
  } finally {
    await browser.close();
    await big.close();
  }
}

export function printRulesTableBench(result: RulesTableBenchResult): void {
  const f = (value: number) => value.toFixed(1);
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '—');
  const opsdeck = median(result.textFilterMs);
  const plain = median(result.plainFilterMs);
  const floor = median(result.arrayFilterMs);
  console.log(`\nbench:firewall — part 2: the rules table in Chromium at ${result.rules} rules (keystroke to painted, from performance marks)\n`);
  console.log(`view transferred: ${f(result.transferMb)} MB of JSON; fetch (call to rows received): ${f(result.fetchMs)} ms\n`);
  console.log('| what | OpsDeck (windowed table) | plain table, every row in the DOM | plain / OpsDeck | Array.filter alone (floor) | OpsDeck / floor |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(`| table render ms (rows received → painted) | ${f(result.tableRenderMs)} | ${f(result.plainRenderMs)} | ${ratio(result.plainRenderMs, result.tableRenderMs)} | — | — |`);
  console.log(
    `| text filter ms, median of ${result.textFilterMs.length} keystrokes ("${PHRASE}" typed, then erased) | ${f(opsdeck)} | ${f(plain)} | ${ratio(plain, opsdeck)} | ${f(floor)} | ${ratio(opsdeck, floor)} |`,
  );
  console.log(
    `| text filter ms, 90th percentile | ${f(percentile(result.textFilterMs, 90))} | ${f(percentile(result.plainFilterMs, 90))} | ${ratio(percentile(result.plainFilterMs, 90), percentile(result.textFilterMs, 90))} | ${f(percentile(result.arrayFilterMs, 90))} | — |`,
  );
  console.log(`| any filter ms, median of ${result.filterMs.length} keystrokes (text, then port ${PORT}) | ${f(median(result.filterMs))} | — | — | — | — |`);
  console.log(`| any filter ms, slowest keystroke | ${f(Math.max(...result.filterMs))} | ${f(Math.max(...result.plainFilterMs))} | — | — | — |`);
  console.log(`\nfilter median vs the ${FILTER_TARGET_MS} ms target: ${(median(result.filterMs) / FILTER_TARGET_MS).toFixed(2)} (under 1 meets it)`);
}
