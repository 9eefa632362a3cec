// Settings: which inventory to use (or the demo fleet again); the roles'
// policies; forgetting remembered key passphrases.
import { useState } from 'react';
import { getOpsDeck } from '../../api/opsdeck';
import { InventoryProblems } from '../../components/InventoryProblems';
import { useAppInfo } from '../../app/useAppInfo';
import { AnsibleImportForm } from './AnsibleImportForm';
import { ChooseFileButton } from './ChooseFileButton';
import { RolePoliciesTable } from './RolePoliciesTable';
import type { InventoryProblemView } from '../../../preload/contract';

export function SettingsPage() {
  const [path, setPath] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<InventoryProblemView[]>([]);
  const { info } = useAppInfo();
  const switchToDemo = async () => {
    const result = await getOpsDeck()?.fleet.useDemo({});
    if (!result) return;
    setProblems([]);
    setMessage(result.ok ? `Back on the demo fleet (simulated): ${result.value.hosts.length} hosts in ${result.value.datacentres.length} sites.` : result.error.message);
  };
  const load = async () => {
    const result = await getOpsDeck()?.fleet.loadInventory({ path });
    if (!result) return;
    if (result.ok) {
      setProblems(result.value.problems);
      setMessage(result.value.problems.length ? null : `Loaded ${result.value.hosts.length} hosts in ${result.value.datacentres.length} sites.`);
    } else {
      setProblems([]);
      setMessage(result.error.message);
    }
  };
  const forget = async () => {
    const result = await getOpsDeck()?.secrets.forgetPassphrases({});
    if (result) setMessage(result.ok ? `Forgot ${result.value.removed} remembered passphrase(s).` : result.error.message);
  };
  return (
    <div className="settings">
      <h1>Settings</h1>
      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        <label htmlFor="inventory-path">Inventory file</label>
        <input id="inventory-path" className="mono" value={path} onChange={(event) => setPath(event.target.value)} placeholder="/etc/opsdeck/inventory.yaml" spellCheck={false} />
        <ChooseFileButton purpose="inventory" label="Pick an inventory with the file dialog" onChosen={setPath} onError={setMessage} />
        <button type="submit" disabled={path.trim() === ''}>
          Load inventory
        </button>
      </form>
      <InventoryProblems problems={problems} />
      <div className="field-row">
        <span>
          Fleet in use: <strong data-testid="settings-fleet">{info?.fleet.label ?? '…'}</strong>
        </span>
        {info && info.fleet.kind !== 'demo' && (
          <button type="button" onClick={() => void switchToDemo()}>
            Use the demo fleet (simulated)
          </button>
        )}
      </div>
      <AnsibleImportForm />
      <RolePoliciesTable />
      <h2>Secrets</h2>
      <div className="field-row">
        <span>Key passphrases remembered in the OS keychain</span>
        <button type="button" onClick={() => void forget()}>
          Forget all
        </button>
      </div>
      {message && <p role="status">{message}</p>}
    </div>
  );
}
