// Runs @doyensec/electronegativity over main/, preload/ and renderer/ and
// fails on any finding of MEDIUM severity or above that README.md does not
// explain in its "Electronegativity findings" table (| CHECK | file | why |).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const stage = mkdtempSync(join(tmpdir(), 'opsdeck-electronegativity-'));
const report = join(stage, 'report.csv');
try {
  for (const part of ['main', 'preload', 'renderer', 'package.json']) cpSync(join(root, part), join(stage, 'src', part), { recursive: true });
  const run = spawnSync(process.execPath, [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', join(stage, 'src'), '-o', report, '-r', '-v', 'false', '-e', electronVersion], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0) {
    console.error(`electronegativity failed to run (exit ${run.status}):\n${run.stderr}`);
    process.exit(1);
  }
  const findings = parseCsv(readFileSync(report, 'utf8'))
    .slice(1)
    .map((row) => ({ check: row[0], severity: row[1], file: row[3], location: row[4] }));
  const explained = explainedFindings(readFileSync(join(root, 'README.md'), 'utf8'));
  const serious = findings.filter((finding) => ['MEDIUM', 'HIGH', 'CRITICAL'].includes(finding.severity));
  const unexplained = serious.filter((finding) => !explained.has(`${finding.check}|${finding.file}`));
  console.log(`electronegativity ${electronVersion}: ${findings.length} findings, ${serious.length} medium or above, ${unexplained.length} unexplained`);
  for (const finding of unexplained) console.error(`  UNEXPLAINED ${finding.severity} ${finding.check} at ${finding.file}:${finding.location}`);
  process.exit(unexplained.length === 0 ? 0 : 1);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

function explainedFindings(readme) {
  const section = readme.split(/^## Electronegativity findings$/m)[1]?.split(/^## /m)[0] ?? '';
  const keys = new Set();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim().replace(/`/g, ''));
    if (cells.length >= 4 && /^[A-Z_]+_CHECK$/.test(cells[1]) && cells[3].length > 0) keys.add(`${cells[1]}|${cells[2]}`);
  }
  return keys;
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell.trim());
      cell = '';
    } else if (char === '\n') {
      row.push(cell.trim());
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell || row.length) {
    row.push(cell.trim());
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1);
}
