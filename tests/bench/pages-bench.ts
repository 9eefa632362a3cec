// bench:pages — the pages an operator opens after a fleet scan (Fleet,
// Findings, Patch levels, Disk encryption, Firewall), timed in Chromium at
// 1,000 demo hosts beside the demo's default 24 (issue 19: each under 500 ms).
// A real engine scans the demo fleet (in process, over real SSH on loopback),
// the built renderer is driven over the test bridge, and each page is opened
// with its Alt+digit key from the Settings page, five times. "Open" is from
// the keystroke to the first frame painted after the page's last change: the
// page's heading is shown, no engine call is in flight, its table has rows,
// and nothing in the page has changed for three frames. Beside it, each
// page's engine calls in Node alone and what they weigh as JSON.
// `npm run bench:pages [-- 1000,24]`. Prints figures; asserts nothing but
// that every page opened. Needs `npm run build` (the renderer).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/chromium';
import { scannedDemoSession } from './firewall-matrix-bench';
import { median } from './firewall-table-bench';

const VISITS = 5;
const TARGET_MS = 500;
const QUIET_FRAMES = 3;

interface PageUnderTest {
  key: string;
  title: string;
  /** The engine calls the page makes when it opens. */
  calls: string[];
}

const PAGES: PageUnderTest[] = [
  { key: '1', title: 'Fleet', calls: ['fleet.get', 'scan.current'] },
  { key: '2', title: 'Findings', calls: ['posture.findings', 'fleet.get'] },
  { key: '3', title: 'Patch levels', calls: ['posture.patches', 'posture.patchHistory', 'fleet.get', 'fleet.policies'] },
  { key: '4', title: 'Disk encryption', calls: ['posture.encryptionCoverage', 'fleet.get'] },
  { key: '5', title: 'Firewall', calls: ['firewall.fleetExposure', 'fleet.get'] },
];

interface PageFigures {
  title: string;
  openMs: number[];
  /**
   * Each engine call in Node alone: the first after the scan (it waits for the views the engine makes after
   * a scan, if still making them), then the median of 3, ms; and its answer as JSON, KB.
   */
  engine: { call: string; firstMs: number; ms: number; kb: number }[];
  rows: number;
}

interface SizeFigures {
  hosts: number;
  answered: number;
  scanS: number;
  pages: PageFigures[];
}

// Counts the engine calls in flight (the bridge's WebSocket requests and their answers)
// and the time of the last change inside <main>, before any page script runs.
const INSTRUMENT = `(() => {
  const state = { pending: 0, lastChange: 0 };
  window.__pagesBench = state;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (message) => {
        try { if (typeof JSON.parse(String(message.data)).id === 'number') state.pending--; } catch {}
      });
    }
    send(text) {
      try { if (typeof JSON.parse(String(text)).id === 'number') state.pending++; } catch {}
      super.send(text);
    }
  };
  new MutationObserver((records) => {
    const main = document.querySelector('main');
    if (records.some((record) => main && main.contains(record.target))) state.lastChange = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

/** From Settings, the page's Alt key until the page is open; returns keystroke → open, ms. */
async function openPage(page: Page, target: PageUnderTest): Promise<{ ms: number; rows: number }> {
  await page.keyboard.press('Alt+9');
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Settings', undefined, { timeout: 60_000 });
  await page.evaluate((key) => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.key !== key) return;
      performance.mark('pages-bench-key');
      window.removeEventListener('keydown', onKey, true);
    };
    window.addEventListener('keydown', onKey, true);
  }, target.key);
  const opened = page.evaluate(
    ({ title, quietFrames }) =>
      new Promise<{ ms: number; rows: number }>((resolve, reject) => {
        const state = (window as unknown as { __pagesBench: { pending: number; lastChange: number } }).__pagesBench;
        const deadline = performance.now() + 60_000;
        let quiet = 0;
        let firstQuietFrame = 0;
        const frame = (now: number) => {
          const main = document.querySelector('main');
          const rows = main?.querySelectorAll('tbody tr').length ?? 0;
          const shown = main?.querySelector('h1')?.textContent === title && rows > 0 && state.pending === 0 && !/\bloading/i.test(main?.textContent ?? '');
          if (shown && state.lastChange < now) {
            if (quiet === 0) firstQuietFrame = now;
            quiet++;
          } else quiet = 0;
          if (quiet > quietFrames) {
            const key = performance.getEntriesByName('pages-bench-key', 'mark').pop();
            if (!key) return reject(new Error('the keystroke was not seen'));
            performance.clearMarks('pages-bench-key');
            return resolve({ ms: firstQuietFrame - key.startTime, rows });
          }
          if (now > deadline) return reject(new Error(`${title}: not open after 60 s (rows ${rows}, engine calls in flight ${state.pending})`));
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { title: target.title, quietFrames: QUIET_FRAMES },
  );
  await page.keyboard.press(`Alt+${target.key}`);
  return opened;
}

async function measureSize(hosts: number): Promise<SizeFigures> {
  const { session, answered, scanS } = await scannedDemoSession(hosts);
  process.stderr.write(`pages bench: ${answered} of ${hosts} demo hosts scanned in ${scanS.toFixed(1)} s\n`);
  try {
    const engineFigures = new Map<string, { firstMs: number; ms: number; kb: number }>();
    const handlers = session.engine.handlers as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    // The views the engine makes after a scan first, at once: their first call waits for them, as a page opened the moment the scan ends would.
    const calls = new Set(['firewall.fleetExposure', 'posture.encryptionCoverage', ...PAGES.flatMap((each) => each.calls)]);
    for (const call of calls) {
      const handler = handlers[call];
      if (!handler) throw new Error(`the engine has no handler ${call}`);
      const times: number[] = [];
      let kb = 0;
      for (let round = 0; round < 4; round++) {
        const started = performance.now();
        const answer = await handler({});
        times.push(performance.now() - started);
        kb = JSON.stringify(answer).length / 1024;
      }
      engineFigures.set(call, { firstMs: times[0]!, ms: median(times.slice(1)), kb });
    }
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.addInitScript(INSTRUMENT);
      await page.goto(session.bridge.url);
      await page.waitForSelector('main h1');
      const pages: PageFigures[] = [];
      for (const target of PAGES) {
        const openMs: number[] = [];
        let rows = 0;
        for (let visit = 0; visit < VISITS; visit++) ({ ms: openMs[visit], rows } = await openPage(page, target));
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOT_DIR, `bench-pages-${hosts}-hosts-${target.title.toLowerCase().replace(/\s+/g, '-')}.png`) });
        pages.push({ title: target.title, openMs, rows, engine: target.calls.map((call) => ({ call, ...engineFigures.get(call)! })) });
      }
      if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);
      return { hosts, answered, scanS, pages };
    } finally {
      await browser.close();
    }
  } finally {
    await session.close();
  }
}

function print(sizes: SizeFigures[]): void {
  const [large, ...rest] = sizes;
  const small = rest.at(-1);
  const f = (value: number, digits = 0) => value.toFixed(digits);
  console.log(`\nbench:pages — pages opened in Chromium after a scan of the demo fleet (Alt+digit from Settings, ${VISITS} visits each)\n`);
  for (const size of sizes) console.log(`scan of ${size.hosts} demo hosts: ${size.answered} answered in ${f(size.scanS, 1)} s`);
  console.log('');
  const header = sizes.map((size) => `${size.hosts} hosts: median ms | slowest ms | rows`).join(' | ');
  console.log(`| page | ${header} |${small ? ` ${large!.hosts} ÷ ${small.hosts} |` : ''} vs ${TARGET_MS} ms target at ${large!.hosts} |`);
  console.log(`|---|${sizes.map(() => '---:|---:|---:|').join('')}${small ? '---:|' : ''}---|`);
  large!.pages.forEach((figures, index) => {
    const cells = sizes.map((size) => {
      const at = size.pages[index]!;
      return `${f(median(at.openMs))} | ${f(Math.max(...at.openMs))} | ${at.rows}`;
    });
    const ratio = small ? ` ${(median(figures.openMs) / median(small.pages[index]!.openMs)).toFixed(1)}× |` : '';
    const verdict = median(figures.openMs) < TARGET_MS ? 'met' : '**not met**';
    console.log(`| ${figures.title} | ${cells.join(' | ')} |${ratio} ${(median(figures.openMs) / TARGET_MS).toFixed(2)} (${verdict}) |`);
  });
  console.log(`\nthe engine calls behind each page, in Node alone, at ${large!.hosts} hosts (first: the first call after the scan; later: median of the next 3):\n`);
  console.log('| page | call | first ms | later ms | answer KB |');
  console.log('|---|---|---:|---:|---:|');
  for (const figures of large!.pages) for (const call of figures.engine) console.log(`| ${figures.title} | ${call.call} | ${f(call.firstMs, 1)} | ${f(call.ms, 1)} | ${f(call.kb)} |`);
}

const sizes = (process.argv[2] ?? '1000,24').split(',').map(Number);
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
  console.error(`bench:pages: sizes must be whole numbers of hosts, e.g. 1000,24 (got ${process.argv[2]})`);
  process.exit(2);
}
const figures: SizeFigures[] = [];
for (const size of sizes) figures.push(await measureSize(size));
print(figures);
