// The app frame: skip link, navigation, the current page, the status bar,
// and the operator prompts that the engine may raise at any time.
import { getOpsDeck } from '../api/opsdeck';
import { OperatorPromptDialog } from '../components/OperatorPromptDialog';
import { AuditPage } from '../pages/audit/AuditPage';
import { BackupsPage } from '../pages/backups/BackupsPage';
import { AccessPage } from '../pages/access/AccessPage';
import { TransportPage } from '../pages/transport/TransportPage';
import { DrillsPage } from '../pages/drills/DrillsPage';
import { EncryptionPage } from '../pages/encryption/EncryptionPage';
import { FindingsPage } from '../pages/findings/FindingsPage';
import { FirewallHostPage } from '../pages/firewall/FirewallHostPage';
import { FirewallPage } from '../pages/firewall/FirewallPage';
import { FleetPage } from '../pages/fleet/FleetPage';
import { HostPage } from '../pages/host/HostPage';
import { PatchesPage } from '../pages/patches/PatchesPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { StatusPage } from '../pages/status/StatusPage';
import { NavBar } from './NavBar';
import { ShortcutHelpDialog } from './ShortcutHelpDialog';
import { StartupNotices } from './StartupNotices';
import { StatusBar } from './StatusBar';
import { useAppInfo } from './useAppInfo';
import { useDrillNotifications } from './useDrillNotifications';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { useRoute } from './useRoute';
import { useSidebar } from './useSidebar';
import { useViewerLanding } from './useViewerLanding';
import { useCallback, useState } from 'react';

export function App() {
  const route = useRoute();
  const { info, error } = useAppInfo();
  useViewerLanding(info);
  useDrillNotifications();
  const sidebar = useSidebar();
  const [helpOpen, setHelpOpen] = useState(false);
  const showHelp = useCallback(() => setHelpOpen(true), []);
  useGlobalShortcuts({ toggleSidebar: sidebar.toggle, showHelp });
  if (!getOpsDeck()) {
    return (
      <div className="fatal" role="alert">
        OpsDeck cannot reach its engine: window.opsdeck is missing. Start the app with <code>npm start</code>, or a browser session with <code>npm run dev:browser</code> and open the URL it prints.
      </div>
    );
  }
  return (
    <div className={`frame${sidebar.collapsed ? ' nav-collapsed' : ''}`}>
      <a className="skip-link" href="#main" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </a>
      <NavBar route={route} collapsed={sidebar.collapsed} onToggle={sidebar.toggle} onShowHelp={showHelp} />
      <main id="main" tabIndex={-1} className="page">
        <StartupNotices notices={info?.notices ?? []} />
        {route.page === 'fleet' && <FleetPage />}
        {route.page === 'host' && <HostPage name={route.name} />}
        {route.page === 'findings' && <FindingsPage />}
        {route.page === 'patches' && <PatchesPage />}
        {route.page === 'encryption' && <EncryptionPage />}
        {route.page === 'backups' && <BackupsPage />}
        {route.page === 'access' && <AccessPage />}
        {route.page === 'transport' && <TransportPage />}
        {route.page === 'firewall' && (route.host ? <FirewallHostPage key={route.host} name={route.host} compare={route.compare ?? null} /> : <FirewallPage />)}
        {route.page === 'drills' && <DrillsPage />}
        {route.page === 'audit' && <AuditPage />}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'status' && <StatusPage />}
      </main>
      <StatusBar info={info} error={error} />
      <OperatorPromptDialog />
      <ShortcutHelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
