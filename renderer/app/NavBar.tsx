import { NAV_ITEMS, routeHref, type Route } from './routes';

export function NavBar({ route }: { route: Route }) {
  const current = route.page === 'host' ? 'fleet' : route.page;
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand" aria-hidden="true">
        OpsDeck
      </div>
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.page}>
            <a
              href={routeHref({ page: item.page })}
              aria-current={current === item.page ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${item.key}`}
              title={`${item.label} (Alt+${item.key})`}
            >
              {item.label}
              <kbd>Alt+{item.key}</kbd>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
