// The status report as one self-contained HTML file: inline CSS, the trend
// chart as inline SVG from the status page's own chart component, no script
// and no external fetch (a CSP meta tag forbids both), printable. Every piece
// of host or inventory text goes in as React text, so it is escaped: a host
// that answers `<script>` or `</style>` changes no markup.
import { createElement as h, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ControlStatus, StatusReportView } from '../../../preload/report-views';
import { dataAgeText, STATUS_WORDS } from '../../../renderer/components/report/status-words';
import { TrendChart } from '../../../renderer/components/report/trend-chart';
import type { ReportFinding } from './status-report';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
body { font: 13px/1.45 system-ui, sans-serif; color: #1b1f24; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 20px 0 6px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
th, td { text-align: left; vertical-align: top; padding: 3px 6px; border-bottom: 1px solid #dde; }
.muted { color: #5f6368; font-size: 12px; } .mono { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.status { font-weight: 600; white-space: nowrap; } .simulated { color: #9a6700; font-weight: 600; }
${Object.entries(STATUS_WORDS)
  .map(([status, words]) => `.status-${status} { color: ${words.colour}; }`)
  .join('\n')}
.sev-critical, .sev-high { color: #b3261e; font-weight: 600; } .sev-medium { color: #9a6700; }
@media print { body { margin: 0; } tr, figure { break-inside: avoid; } h2 { break-after: avoid; } }
`;

export interface ReportHtmlOptions {
  /** The evidence pack's public key (base64 SPKI DER), printed so an auditor can compare it. */
  publicKey?: string | null;
}

export function reportHtml(view: StatusReportView, findings: ReportFinding[], options: ReportHtmlOptions = {}): string {
  const document = h('html', { lang: 'en' }, [
    h('head', { key: 'head' }, [
      h('meta', { key: 'charset', charSet: 'utf-8' }),
      h('meta', { key: 'csp', httpEquiv: 'Content-Security-Policy', content: REPORT_CSP }),
      h('title', { key: 'title' }, `OpsDeck status report — ${view.fleet} — ${view.generatedAt.slice(0, 10)}`),
      h('style', { key: 'style', dangerouslySetInnerHTML: { __html: CSS } }),
    ]),
    h('body', { key: 'body' }, reportBody(view, findings, options)),
  ]);
  return `<!DOCTYPE html>\n${renderToStaticMarkup(document)}\n`;
}

function reportBody(view: StatusReportView, findings: ReportFinding[], options: ReportHtmlOptions): ReactNode[] {
  const now = new Date(view.generatedAt);
  const shown = findings.filter((finding) => finding.severity !== 'info');
  return [
    h('h1', { key: 'h1' }, 'Status against the published security measures (Annex 2)'),
    h('p', { key: 'meta', className: 'muted' }, [
      `${view.fleet} · generated ${view.generatedAt} · newest data ${view.newestDataAt ? `${dataAgeText(view.newestDataAt, now)} old (${view.newestDataAt})` : 'none'} · data older than ${view.maxDataAgeHours} h does not count`,
      view.since ? ` · trend since ${view.since}` : '',
    ]),
    view.simulated ? h('p', { key: 'sim', className: 'simulated' }, 'This fleet is the built-in demo fleet: its hosts are simulated.') : null,
    h('p', { key: 'overall' }, ['Overall: ', mark(view.overall, 'm')]),
    h('h2', { key: 'h-controls' }, 'Controls per site'),
    h('table', { key: 'controls', className: 'controls' }, [
      h('thead', { key: 'head' }, h('tr', null, [h('th', { key: 'c' }, 'Control'), ...view.sites.map((site) => h('th', { key: site.id }, `${site.name} (${site.role})`))])),
      h(
        'tbody',
        { key: 'body' },
        view.controls.map((control) =>
          h('tr', { key: control.control, 'data-control': control.control }, [
            h('th', { key: 'c' }, `§${control.section} ${control.title}`),
            ...control.sites.map((site) =>
              h('td', { key: site.dc, 'data-dc': site.dc }, [
                mark(site.status, 'm'),
                h('div', { key: 'r', className: 'muted' }, site.reason),
                h('div', { key: 'a', className: 'muted' }, `data: ${site.newestDataAt ?? 'none'}`),
              ]),
            ),
          ]),
        ),
      ),
    ]),
    h('h2', { key: 'h-trend' }, 'Trend: findings above info per site, by stored scan (UTC)'),
    view.trend.length > 0
      ? h('figure', { key: 'trend', className: 'trend' }, TrendChart({ points: view.trend, sites: view.sites, width: 640, height: 240 }))
      : h('p', { key: 'trend', className: 'muted' }, 'No stored scan in the period.'),
    h('h2', { key: 'h-dr' }, 'DR readiness: secondary against primary'),
    h(
      'table',
      { key: 'dr', className: 'scorecard' },
      h(
        'tbody',
        null,
        view.scorecard.map((item) =>
          h('tr', { key: item.id, 'data-item': item.id }, [
            h('th', { key: 't' }, item.title),
            h('td', { key: 's' }, [mark(item.status, 'm'), h('div', { key: 'd', className: 'muted' }, item.detail)]),
          ]),
        ),
      ),
    ),
    h('h2', { key: 'h-audit' }, 'Audit log'),
    h('p', { key: 'audit' }, [
      mark(view.audit.status, 'm'),
      ` ${view.audit.detail}`,
      view.audit.anchor ? h('span', { key: 'a', className: 'mono' }, ` anchor ${view.audit.anchor.seq}:${view.audit.anchor.hash}`) : null,
    ]),
    options.publicKey ? h('p', { key: 'key', className: 'mono' }, `Evidence-pack signing key (Ed25519, base64 SPKI): ${options.publicKey}`) : null,
    h('h2', { key: 'h-findings' }, `Findings above info (${shown.length})`),
    findingsTable(shown),
  ];
}

function findingsTable(findings: ReportFinding[]): ReactElement {
  return h('table', { key: 'findings', className: 'findings' }, [
    h(
      'thead',
      { key: 'head' },
      h(
        'tr',
        null,
        ['Severity', 'Site', 'Host', 'Control', 'Finding', 'First seen'].map((title) => h('th', { key: title }, title)),
      ),
    ),
    h(
      'tbody',
      { key: 'body' },
      findings.map((finding) =>
        h('tr', { key: finding.id }, [
          h('td', { key: 's', className: `sev-${finding.severity}` }, finding.severity),
          h('td', { key: 'd' }, finding.dc),
          h('td', { key: 'h', className: 'mono' }, finding.host),
          h('td', { key: 'c' }, finding.control),
          h('td', { key: 't' }, [finding.title, h('div', { key: 'x', className: 'muted mono' }, finding.evidence.excerpt.slice(0, 3).join('\n'))]),
          h('td', { key: 'f', className: 'mono' }, finding.firstSeen ?? '—'),
        ]),
      ),
    ),
  ]);
}

function mark(status: ControlStatus, key?: string): ReactElement {
  const words = STATUS_WORDS[status];
  return h('span', { key, className: `status status-${status}`, 'data-status': status }, `${words.mark} ${words.text}`);
}
