// One host's firewall: what each listening socket is exposed to and the
// rule that decides it, the host's firewall findings, its chains, every
// rule in a windowed filterable table, the raw ruleset one click away, and
// a comparison with another host chosen from a list.
import { useState } from 'react';
import type { FirewallHostRulesView } from '../../../preload/contract';
import { routeHref } from '../../app/routes';
import { FindingsTable } from '../../components/FindingsTable';
import { ChainsTable } from './ChainsTable';
import { CompareSection } from './CompareSection';
import { ExposureTable } from './ExposureTable';
import { RawRulesetDialog } from './RawRulesetDialog';
import { RulesTable } from './RulesTable';
import { useHostFirewall } from './useHostFirewall';
import { dateTimeText } from '../../components/date-text';
import { EngineErrorNote } from '../../components/EngineErrorNote';

export function FirewallHostPage({ name, compare }: { name: string; compare: string | null }) {
  const { view, error } = useHostFirewall(name);
  const [focusRule, setFocusRule] = useState<{ id: string; seq: number } | null>(null);
  const [rawOpen, setRawOpen] = useState(false);
  return (
    <div className="firewall-host">
      <header className="page-head">
        <a href={routeHref({ page: 'firewall' })}>← Firewall</a>
        <h1 className="mono">{name}</h1>
        {view && (
          <span className="muted">
            {view.dc} ({view.siteRole}) · {view.roles.join(', ') || 'no role'} · {view.os}
          </span>
        )}
        <div className="toolbar">
          <a href={routeHref({ page: 'host', name })}>Host page</a>
          <button type="button" onClick={() => setRawOpen(true)} disabled={!view}>
            Raw ruleset
          </button>
        </div>
      </header>
      <EngineErrorNote error={error} />
      {view === null && <p className="muted">No firewall data for this host yet: scan it first.</p>}
      {view && (
        <>
          <HostFirewallStatus view={view} />
          <JumpBar />
          <h2 id="findings-heading" tabIndex={-1}>
            Findings ({view.findings.length})
          </h2>
          <FindingsTable findings={view.findings} showHost={false} />
          <h2 id="exposure-heading" tabIndex={-1}>
            What is exposed, and which rule decides
          </h2>
          <ExposureTable view={view} onShowRule={(id) => setFocusRule((current) => ({ id, seq: (current?.seq ?? 0) + 1 }))} />
          <h2>Chains</h2>
          <ChainsTable chains={view.chains} />
          <h2 id="rules-heading" tabIndex={-1}>
            Rules ({view.totalRules})
          </h2>
          <RulesTable rules={view.rules} focusRule={focusRule} />
          <CompareSection host={name} compare={compare} counterpart={view.counterpart} />
        </>
      )}
      <RawRulesetDialog host={name} open={rawOpen} onClose={() => setRawOpen(false)} />
    </div>
  );
}

const SECTIONS = [
  { id: 'findings-heading', label: 'Findings' },
  { id: 'exposure-heading', label: 'Exposure' },
  { id: 'rules-heading', label: 'Rules' },
  { id: 'compare-heading', label: 'Compare' },
];

/** In-page jumps as buttons: a #fragment link would change the route. */
function JumpBar() {
  const jump = (id: string) => {
    const target = document.getElementById(id);
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  };
  return (
    <nav className="toolbar jump-bar" aria-label="On this page">
      {SECTIONS.map((section) => (
        <button key={section.id} type="button" className="small" onClick={() => jump(section.id)}>
          {section.label}
        </button>
      ))}
    </nav>
  );
}

function HostFirewallStatus({ view }: { view: FirewallHostRulesView }) {
  const problems = view.sources.filter((source) => source.status !== 'ok');
  const partial = (['ipv4', 'ipv6'] as const).filter((family) => view.visibility[family].state !== 'complete');
  return (
    <dl className="identity firewall-status">
      <dt>Firewall</dt>
      <dd data-testid="firewall-state">
        <span className={view.firewall.state === 'active' ? 'ok' : 'error'}>{view.firewall.state}</span> — {view.firewall.reason}
      </dd>
      <dt>Scanned</dt>
      <dd>{dateTimeText(view.scannedAt)}</dd>
      <dt>Unlisted port, IPv4</dt>
      <dd className="mono">{view.defaultInput.ipv4}</dd>
      <dt>Unlisted port, IPv6</dt>
      <dd className="mono">{view.defaultInput.ipv6}</dd>
      {partial.map((family) => (
        <FragmentRow key={family} term={`${family === 'ipv4' ? 'IPv4' : 'IPv6'} rules seen`} value={`${view.visibility[family].state}: ${view.visibility[family].reasons.join('; ')}`} />
      ))}
      {problems.map((source) => (
        <FragmentRow key={source.commandId} term={source.command} value={`${source.status}${source.message ? `: ${source.message}` : ''}`} error />
      ))}
      {!view.processesShown && view.listenersKnown && <FragmentRow term="Processes" value="not shown by the socket list (no privilege, or illumos netstat)" />}
      {view.warnings.length > 0 && <FragmentRow term="Warnings" value={view.warnings.join('; ')} />}
    </dl>
  );
}

function FragmentRow({ term, value, error }: { term: string; value: string; error?: boolean }) {
  return (
    <>
      <dt className="mono">{term}</dt>
      <dd className={error ? 'error' : undefined}>{value}</dd>
    </>
  );
}
