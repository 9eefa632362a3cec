// bench:firewall, part 3 — the Firewall page's fleet matrix in Chromium at
// 1,000 hosts, beside the same at the demo's default 24. A real engine runs
// on the demo fleet (in process, over real SSH on loopback), scans it once,
// and the built renderer is driven over the test bridge:
// - Alt+5 (from the Settings page) to the matrix painted: a mark on the
//   keystroke to the page's "matrix-painted" mark, and the page's own
//   measures "matrix-fetch" (fleetExposure call to hosts received) and
//   "matrix-load" (that call to the matrix painted);
// - what fleetExposure weighs as JSON;
// - host filter keystroke to the filtered matrix painted ("matrix-filter");
// - scrolling the primary site's panel to the bottom, a step each frame,
//   timed by requestAnimationFrame deltas, against idle frames (no scroll).
// Prints figures; asserts nothing. Needs `npm run build` (the renderer).
import type { Page } from 'playwright-core';
import type { OpsDeckApi, ScanFinishedEvent } from '../../preload/contract';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { startBridgeSession, type BridgeSession } from '../support/bridge-session';
import { launchChromium, saveScreenshot } from '../support/chromium';
import { FILTER_TARGET_MS, median, percentile } from './firewall-table-bench';

const VISITS = 5;
const PHRASES = ['imap42', 'backup'];
const WHEEL_STEP_PX = 84;
const IDLE_FRAMES = 60;
/** A frame slower than this is a visible stutter (three frames at 60 Hz). */
const JANK_MS = 50;

export interface MatrixBenchResult {
  hosts: number;
  answered: number;
  scanS: number;
  /** Table rows in the DOM of the primary site's panel (windowed), and the panel's scroll height. */
  domRows: number;
  scrollHeightPx: number;
  transferKb: number;
  /** The engine's fleetExposure handler alone (store read and views), called in Node. */
  engineMs: number[];
  navigateMs: number[];
  fetchMs: number[];
  loadMs: number[];
  filterMs: number[];
  /** rAF deltas while scrolling a wheel step per frame, then a page per frame; empty when the panel does not scroll. */
  wheelFrameMs: number[];
  pageFrameMs: number[];
  idleFrameMs: number[];
}

/** A real engine on the demo fleet of `hosts` hosts (in process, over real SSH on loopback), after one scan of the whole fleet. */
export async function scannedDemoSession(hosts: number): Promise<{ session: BridgeSession; answered: number; scanS: number }> {
  const session = await startBridgeSession({
    demoFleet: 'always',
    demoHosts: hosts,
    userKnownHostsPath: null,
    secrets: new MemorySecretStore(),
    // The bench stands in for the operator who accepts every demo host key.
    prompter: { confirmUnknownHostKey: async () => true, keyboardInteractive: async () => null, keyPassphrase: async () => null },
  });
  try {
    const finished = new Promise<ScanFinishedEvent>((resolve) =>
      session.engine.events.subscribe((name, payload) => {
        if (name === 'scan:finished') resolve(payload as ScanFinishedEvent);
      }),
    );
    const started = performance.now();
    await session.engine.handlers['scan.start']({ scope: { kind: 'fleet' } });
    const outcome = await finished;
    return { session, answered: outcome.ok, scanS: (performance.now() - started) / 1000 };
  } catch (error) {
    await session.close();
    throw error;
  }
}

async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((measure) => performance.getEntriesByName(measure, 'measure').map((entry) => entry.duration), name);
}

async function waitForMeasureCount(page: Page, name: string, count: number): Promise<void> {
  await page.waitForFunction(([measure, at]) => performance.getEntriesByName(measure as string, 'measure').length >= (at as number), [name, count] as const, { timeout: 60_000 });
}

async function heading(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted) => document.querySelector('h1')?.textContent === wanted, text, { timeout: 60_000 });
}

/** From Settings, Alt+5 until the matrix is painted; returns keystroke → painted. */
async function visitFirewallPage(page: Page): Promise<number> {
  await page.keyboard.press('Alt+9');
  await heading(page, 'Settings');
  const before = (await measures(page, 'matrix-load')).length;
  // Marks the keystroke itself (Alt alone goes by first), before the app's own listener sees it.
  await page.evaluate(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.key !== '5') return;
      performance.mark('bench-alt5');
      window.removeEventListener('keydown', onKey, true);
    };
    window.addEventListener('keydown', onKey, true);
  });
  await page.keyboard.press('Alt+5');
  await waitForMeasureCount(page, 'matrix-load', before + 1);
  return page.evaluate(() => performance.measure('bench-navigate', 'bench-alt5', 'matrix-painted').duration);
}

/** The host filter's successive values as each phrase is typed, then erased. */
async function typeFilterPhrases(page: Page): Promise<number[]> {
  const search = page.getByRole('searchbox', { name: 'Filter hosts by name or role' });
  await search.focus();
  await page.evaluate(() => performance.clearMeasures('matrix-filter'));
  const press = async (key: string) => {
    const before = (await measures(page, 'matrix-filter')).length;
    await page.keyboard.press(key);
    await waitForMeasureCount(page, 'matrix-filter', before + 1);
  };
  for (const phrase of PHRASES) {
    for (const character of phrase) await press(character);
    for (let index = 0; index < phrase.length; index++) await press('Backspace');
  }
  return measures(page, 'matrix-filter');
}

/** rAF deltas while the primary site's panel scrolls to the bottom by `step` px a frame (a page when step is 0); then idle frames. */
async function scrollFrames(page: Page, step: number): Promise<{ frames: number[]; rows: number; height: number }> {
  return page.evaluate(
    async ({ stepPx }) => {
      const panel = document.querySelector<HTMLElement>('section.matrix-site .matrix-scroll');
      if (!panel) throw new Error('no matrix panel');
      panel.scrollTop = 0;
      const rows = panel.querySelector('tbody')!.childElementCount;
      const height = panel.scrollHeight;
      if (panel.scrollHeight <= panel.clientHeight) return { frames: [], rows, height };
      const frames: number[] = [];
      await new Promise<void>((resolve) => {
        let last = 0;
        const frame = (now: number) => {
          if (last > 0) frames.push(now - last);
          last = now;
          if (panel.scrollTop + panel.clientHeight >= panel.scrollHeight - 1) return resolve();
          panel.scrollTop += stepPx || panel.clientHeight;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      return { frames, rows, height };
    },
    { stepPx: step },
  );
}

async function idleFrames(page: Page): Promise<number[]> {
  return page.evaluate(
    (count) =>
      new Promise<number[]>((resolve) => {
        const frames: number[] = [];
        let last = 0;
        const frame = (now: number) => {
          if (last > 0) frames.push(now - last);
          last = now;
          if (frames.length >= count) resolve(frames);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    IDLE_FRAMES,
  );
}

export async function runMatrixBench(hosts: number): Promise<MatrixBenchResult> {
  const { session, answered, scanS } = await scannedDemoSession(hosts);
  process.stderr.write(`matrix bench: ${answered} of ${hosts} demo hosts scanned in ${scanS.toFixed(1)} s\n`);
  const engineMs: number[] = [];
  for (let call = 0; call < 3; call++) {
    const started = performance.now();
    await session.engine.handlers['firewall.fleetExposure']({});
    engineMs.push(performance.now() - started);
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(session.bridge.url);
    await page.waitForSelector('h1');
    const navigateMs: number[] = [];
    for (let visit = 0; visit < VISITS; visit++) navigateMs.push(await visitFirewallPage(page));
    const transferKb = await page.evaluate(async () => {
      const result = await (window as unknown as { opsdeck: OpsDeckApi }).opsdeck.firewall.fleetExposure({});
      return result.ok ? JSON.stringify(result.value).length / 1024 : Number.NaN;
    });
    const filterMs = await typeFilterPhrases(page);
    const wheel = await scrollFrames(page, WHEEL_STEP_PX);
    const paged = await scrollFrames(page, 0);
    // The primary site scrolled to its last rows, for a reader to check the windowed rows by eye.
    await saveScreenshot(page, `bench-firewall-matrix-${hosts}-hosts`);
    const idleFrameMs = await idleFrames(page);
    if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);
    return {
      hosts,
      answered,
      scanS,
      domRows: wheel.rows,
      scrollHeightPx: wheel.height,
      transferKb,
      engineMs,
      navigateMs,
      fetchMs: await measures(page, 'matrix-fetch'),
      loadMs: await measures(page, 'matrix-load'),
      filterMs,
      wheelFrameMs: wheel.frames,
      pageFrameMs: paged.frames,
      idleFrameMs,
    };
  } finally {
    await browser.close();
    await session.close();
  }
}

export function printMatrixBench(large: MatrixBenchResult, small: MatrixBenchResult): void {
  const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
  const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '—');
  const row = (what: string, pick: (result: MatrixBenchResult) => number, digits = 1) => `| ${what} | ${f(pick(large), digits)} | ${f(pick(small), digits)} | ${ratio(pick(large), pick(small))} |`;
  const jank = (frames: number[]) => frames.filter((delta) => delta > JANK_MS).length;
  const scrolled = (frames: number[]) => (frames.length === 0 ? Number.NaN : median(frames));
  console.log(`\nbench:firewall — part 3: the fleet matrix in Chromium, ${large.hosts} demo hosts against ${small.hosts}\n`);
  console.log(`scan of the demo fleet: ${large.answered} of ${large.hosts} answered in ${f(large.scanS)} s; ${small.answered} of ${small.hosts} in ${f(small.scanS)} s\n`);
  console.log(`| what | ${large.hosts} hosts | ${small.hosts} hosts | ratio |`);
  console.log('|---|---:|---:|---:|');
  console.log(row('fleetExposure JSON, KB', (result) => result.transferKb, 0));
  console.log(row(`Alt+5 → matrix painted, median of ${VISITS} visits, ms`, (result) => median(result.navigateMs)));
  console.log(row('Alt+5 → matrix painted, slowest visit, ms', (result) => Math.max(...result.navigateMs)));
  console.log(row('fleetExposure in the engine alone (Node), median of 3, ms', (result) => median(result.engineMs)));
  console.log(row('fleetExposure call → hosts received in the page, median, ms', (result) => median(result.fetchMs)));
  console.log(row('fleetExposure call → matrix painted, median, ms', (result) => median(result.loadMs)));
  console.log(row(`host filter keystroke → painted, median of ${large.filterMs.length} ("${PHRASES.join('", "')}" typed, then erased), ms`, (result) => median(result.filterMs)));
  console.log(row('host filter keystroke → painted, 90th percentile, ms', (result) => percentile(result.filterMs, 90)));
  console.log(row('host filter keystroke → painted, slowest, ms', (result) => Math.max(...result.filterMs)));
  console.log(row('primary site panel: scroll height, px', (result) => result.scrollHeightPx, 0));
  console.log(row('primary site panel: table rows in the DOM', (result) => result.domRows, 0));
  console.log(row(`scroll ${WHEEL_STEP_PX} px a frame to the bottom: frames`, (result) => result.wheelFrameMs.length || Number.NaN, 0));
  console.log(row(`scroll ${WHEEL_STEP_PX} px a frame: median frame, ms`, (result) => scrolled(result.wheelFrameMs)));
  console.log(row(`scroll ${WHEEL_STEP_PX} px a frame: 95th percentile frame, ms`, (result) => (result.wheelFrameMs.length ? percentile(result.wheelFrameMs, 95) : Number.NaN)));
  console.log(row(`scroll ${WHEEL_STEP_PX} px a frame: frames over ${JANK_MS} ms`, (result) => (result.wheelFrameMs.length ? jank(result.wheelFrameMs) : Number.NaN), 0));
  console.log(row('scroll a page a frame: median frame, ms', (result) => scrolled(result.pageFrameMs)));
  console.log(row('scroll a page a frame: slowest frame, ms', (result) => (result.pageFrameMs.length ? Math.max(...result.pageFrameMs) : Number.NaN)));
  console.log(row(`idle frames (no scroll), median of ${IDLE_FRAMES}, ms (the floor)`, (result) => median(result.idleFrameMs)));
  console.log(`\nfilter median at ${large.hosts} hosts vs the ${FILTER_TARGET_MS} ms target: ${(median(large.filterMs) / FILTER_TARGET_MS).toFixed(2)} (under 1 meets it)`);
  console.log(`(at ${small.hosts} hosts the panel ${small.wheelFrameMs.length === 0 ? 'does not scroll: every row fits' : 'scrolls'})`);
}
