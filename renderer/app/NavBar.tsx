import { NAV_ITEMS, routeHref, type Route } from './routes';
import { SIDEBAR_KEY } from './shortcuts';

export function NavBar({ route, collapsed, onToggle, onShowHelp }: { route: Route; collapsed: boolean; onToggle: () => void; onShowHelp: () => void }) {
  const current = route.page === 'host' ? 'fleet' : route.page;
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand" aria-hidden="true">
        {collapsed ? 'OD' : 'OpsDeck'}
      </div>
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.page}>
            <a href={routeHref({ page: item.page })} aria-current={current === item.page ? 'page' : undefined} aria-keyshortcuts={`Alt+${item.key}`} title={`${item.label} (Alt+${item.key})`}>
              <span className="nav-label">{item.label}</span>
              <kbd>Alt+{item.key}</kbd>
            </a>
          </li>
        ))}
      </ul>
      <div className="nav-tools">
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={!collapsed}
          aria-keyshortcuts={SIDEBAR_KEY.label}
          title={`${collapsed ? 'Expand' : 'Collapse'} the sidebar (${SIDEBAR_KEY.label})`}
          onClick={onToggle}
        >
          {collapsed ? '»' : '« Collapse'}
          <span className="visually-hidden"> sidebar</span>
        </button>
        <button type="button" className="nav-toggle" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={onShowHelp}>
          ?<span className={collapsed ? 'visually-hidden' : ''}> Shortcuts</span>
        </button>
      </div>
    </nav>
  );
}
