// Builds the evidence pack: the report (HTML, JSON, CSV), the raw outputs
// behind every finding in scope (byte for byte, by evidence id), the audit
// log's entries for the period with its chain anchor, the restore-test
// evidence, and a signed sha256 manifest, in one zip (fflate). Reads and
// unpacks only: writing the file is the caller's.
import { readFile } from 'node:fs/promises';
import { unzipSync, zipSync } from 'fflate';
import { reportCsv } from './report-csv';
import { reportHtml } from './report-html';
import { signedManifest, verifyPack, type PackVerdict } from './evidence-manifest';
import type { EvidenceKey } from './evidence-key';
import type { StatusReportData } from './status-report';
import type { ReportStore } from '../store/report-store';
import type { RestoreTestStore } from '../store/restore-test-store';

export interface EvidencePackInputs {
  data: StatusReportData;
  reports: ReportStore;
  restoreTests: RestoreTestStore;
  auditPath: string;
  since: string | null;
  key: EvidenceKey;
}

export async function buildEvidencePack(inputs: EvidencePackInputs): Promise<{ zip: Uint8Array; files: number }> {
  const { data } = inputs;
  const text = (value: string) => Buffer.from(value, 'utf8');
  const files: Record<string, Uint8Array> = {
    'report.html': text(reportHtml(data.view, data.findings, { publicKey: inputs.key.publicKey })),
    'report.json': text(`${JSON.stringify({ report: data.view, findings: data.findings }, null, 2)}\n`),
    'findings.csv': text(reportCsv(data.findings)),
  };
  const byResult = new Map<string, { runId: string; host: string; commands: Set<string> }>();
  for (const finding of data.findings) {
    if (!finding.runId) continue;
    const key = `${finding.runId}\u0000${finding.host}`;
    const entry = byResult.get(key) ?? { runId: finding.runId, host: finding.host, commands: new Set<string>() };
    for (const command of finding.evidence.commandIds) entry.commands.add(command);
    byResult.set(key, entry);
  }
  for (const { runId, host, commands } of byResult.values()) {
    await inputs.reports.holdEvidence(runId, host, 'evidence pack');
    for (const output of await inputs.reports.outputsOf(runId, host, [...commands])) {
      const base = `outputs/${safeName(runId)}/${safeName(host)}/${safeName(output.commandId)}`;
      files[`${base}.stdout`] = output.stdout;
      if (output.stderr.length > 0) files[`${base}.stderr`] = output.stderr;
      files[`${base}.json`] = text(`${JSON.stringify({ runId, host, commandId: output.commandId, command: output.command, exitCode: output.exitCode })}\n`);
    }
  }
  const audit = await auditExcerpt(inputs.auditPath, inputs.since);
  files['audit/excerpt.jsonl'] = text(audit.lines.join('\n') + (audit.lines.length ? '\n' : ''));
  files['audit/anchor.json'] = text(`${JSON.stringify({ verdict: data.view.audit, excerptEntries: audit.lines.length, since: inputs.since }, null, 2)}\n`);
  const restoreTests = (await inputs.restoreTests.list({ limit: 1000 })).filter((test) => !inputs.since || test.startedAt >= inputs.since);
  files['restore-tests.json'] = text(`${JSON.stringify(restoreTests, null, 2)}\n`);
  const all = { ...files, ...signedManifest(files, data.view.generatedAt, inputs.key) };
  return { zip: zipSync(all, { level: 6, mtime: new Date(data.view.generatedAt) }), files: Object.keys(files).length };
}

/** Unpacks a zip and checks it against its manifest; throws when the file is not a zip at all. */
export function verifyEvidenceZip(zip: Uint8Array, givenKey: string | null): PackVerdict {
  return verifyPack(unzipSync(zip), givenKey);
}

async function auditExcerpt(path: string, since: string | null): Promise<{ lines: string[] }> {
  const content = await readFile(path, 'utf8').catch(() => '');
  const lines = content.split('\n').filter((line) => line.trim() !== '');
  if (!since) return { lines };
  return { lines: lines.filter((line) => (/"at":"([^"]+)"/.exec(line)?.[1] ?? '') >= since) };
}

/** A path segment that cannot climb out of its folder in the zip. */
function safeName(segment: string): string {
  return segment.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}
