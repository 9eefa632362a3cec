// `opsdeck report` on a stored history: bad usage exits 2; a report writes
// HTML, PDF, CSV and JSON and exits 1 while a control is not holding; the HTML
// opened in real Chromium with the network off draws its chart and fetches
// nothing; a host that answered `</style>` and `<script>` changes no markup;
// the PDF's pages turn into PNGs with pdftoppm.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { launchChromium, SCREENSHOT_DIR, saveScreenshot } from '../../support/chromium';
import { runOpsdeck } from '../../support/cli-run';
import { portFinding, storeScan } from '../../support/report-history';
import { useStoredReportHistory } from '../../support/stored-report-history';

const HOSTILE = '</style><script>document.title="pwned"</script><img src="http://192.0.2.1/x.png">';
const history = useStoredReportHistory('opsdeck-report-cli-', async (scans) => {
  const recent = Date.now();
  const at = (hoursAgo: number) => new Date(recent - hoursAgo * 3_600_000).toISOString();
  await storeScan(scans, 'run-a', at(50), [
    { host: 'db1.nj', dc: 'nj', findings: [portFinding('db1.nj', 'nj', 5432), portFinding('db1.nj', 'nj', 6379)] },
    { host: 'db1.sea', dc: 'sea', findings: [] },
  ]);
  await storeScan(scans, 'run-b', at(26), [
    { host: 'db1.nj', dc: 'nj', findings: [portFinding('db1.nj', 'nj', 5432)] },
    { host: 'db1.sea', dc: 'sea', findings: [portFinding('db1.sea', 'sea', 8080, 'medium')] },
  ]);
  await storeScan(scans, 'run-c', at(2), [
    { host: 'db1.nj', dc: 'nj', findings: [portFinding('db1.nj', 'nj', 5432, 'high', HOSTILE)] },
    { host: 'db1.sea', dc: 'sea', findings: [] },
  ]);
});
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
});

test('bad usage exits 2 and says what is wrong', async () => {
  expect(await runOpsdeck(['report', '--out', join(history.dir, 'x'), '--data-dir', history.dataDir])).toMatchObject({ code: 2, stderr: expect.stringContaining('--format is required') });
  expect(await runOpsdeck(['report', '--format', 'docx', '--out', join(history.dir, 'x'), '--data-dir', history.dataDir])).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('unknown format docx'),
  });
  expect(await runOpsdeck(['report', '--format', 'csv', '--since', 'yesterday', '--out', join(history.dir, 'x'), '--data-dir', history.dataDir])).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('--since must be a date'),
  });
  expect(await runOpsdeck(['report', '--format', 'csv', '--dc', 'lon', '--out', join(history.dir, 'x'), '--inventory', history.inventory, '--data-dir', history.dataDir])).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('no datacentre "lon"'),
  });
});

test('PDF without a Chromium: a clear message and exit 2, never a silent skip', async () => {
  const result = await runOpsdeck(['report', '--format', 'html,pdf', '--out', join(history.dir, 'nopdf'), '--inventory', history.inventory, '--data-dir', history.dataDir], { PATH: '/nonexistent' });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('no headless Chromium was found');
  expect(existsSync(join(history.dir, 'nopdf'))).toBe(false);
});

test('all four formats are written; exit 1 because §9 is broken at NJ', async () => {
  const out = join(history.dir, 'report');
  const result = await runOpsdeck(['report', '--format', 'html,pdf,csv,json', '--out', out, '--inventory', history.inventory, '--data-dir', history.dataDir], { PATH: process.env.PATH });
  expect(result.stderr).not.toContain('internal error');
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('§9 We only allow necessary communications: nj broken, sea holds');
  expect((await readdir(out)).sort()).toEqual(['findings.csv', 'report.html', 'report.json', 'report.pdf']);
  const csv = (await readFile(join(out, 'findings.csv'), 'utf8')).split('\r\n');
  expect(csv[0]).toBe('control,section,site,host,severity,finding_id,title,first_seen,evidence_ids');
  expect(csv[1]).toMatch(
    /^necessaryCommunications,§9,nj,db1\.nj,high,firewall\.port-beyond-baseline:db1\.nj:tcp\/5432,"<\/style><script>document\.title=""pwned""<\/script><img src=""http:\/\/192\.0\.2\.1\/x\.png"">",\S+,run-c\/db1\.nj\/nft-ruleset$/,
  );
  const json = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { report: { trend: { runId: string }[] }; findings: unknown[] };
  expect([...new Set(json.report.trend.map((point) => point.runId))]).toEqual(['run-a', 'run-b', 'run-c']);
  expect(json.findings).toHaveLength(1);

  const pdf = await readFile(join(out, 'report.pdf'));
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // A folder of its own, emptied first: pages left by an earlier run must not pass for this one's.
  const pagesDir = join(SCREENSHOT_DIR, 'report-pdf');
  await rm(pagesDir, { recursive: true, force: true });
  await mkdir(pagesDir, { recursive: true });
  await promisify(execFile)('pdftoppm', ['-png', '-r', '60', join(out, 'report.pdf'), join(pagesDir, 'page')]).catch((error: Error) => {
    throw new Error(`pdftoppm (poppler-utils) failed or is missing: ${error.message}`);
  });
  expect((await readdir(pagesDir)).filter((name) => name.endsWith('.png')).length).toBeGreaterThanOrEqual(1);
}, 120_000);

test('the HTML in Chromium with the network off: chart drawn, nothing fetched, hostile host text stays text', async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, offline: true });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  await page.goto(`file://${join(history.dir, 'report', 'report.html')}`);
  expect(await page.title()).toMatch(/^OpsDeck status report/);
  expect(await page.locator('script').count()).toBe(0);
  expect(await page.locator('style').count()).toBe(1);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('table.findings tbody tr td').nth(4).textContent()).toContain(HOSTILE);
  expect(await page.locator('svg.trend-chart g.trend-line[data-site="nj"] circle').count()).toBe(3);
  expect(await page.locator('svg.trend-chart g.trend-line[data-site="sea"] circle').count()).toBe(3);
  expect(await page.locator('tr[data-control="necessaryCommunications"] td[data-dc="nj"] [data-status]').getAttribute('data-status')).toBe('broken');
  expect(requests).toEqual([]);
  await saveScreenshot(page, 'report-html');
  await context.close();
}, 60_000);
