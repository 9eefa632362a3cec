// Every finding of the report as CSV (RFC 4180 quoting): its control, host,
// site, severity, first seen and evidence id (`<run id>/<host>/<command id>`,
// the path of the raw output in an evidence pack). A cell that a spreadsheet
// would take for a formula is prefixed with a quote.
import { CONTROLS } from '../posture/finding';
import { controlOfFinding } from './controls-map';
import type { ReportFinding } from './status-report';

const HEADER = ['control', 'section', 'site', 'host', 'severity', 'finding_id', 'title', 'first_seen', 'evidence_ids'];

export function reportCsv(findings: ReportFinding[]): string {
  const lines = [HEADER.join(',')];
  for (const finding of findings) {
    const control = controlOfFinding(finding);
    lines.push(
      [
        control ?? finding.control,
        control ? `§${CONTROLS[control].section}` : '',
        finding.dc,
        finding.host,
        finding.severity,
        finding.id,
        finding.title,
        finding.firstSeen ?? '',
        evidenceIds(finding).join(' '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function evidenceIds(finding: ReportFinding): string[] {
  return finding.runId ? finding.evidence.commandIds.map((command) => `${finding.runId}/${finding.host}/${command}`) : [];
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
