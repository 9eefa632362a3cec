// Import an Ansible inventory into a new OpsDeck inventory file, then use it.
import { useState } from 'react';
import { getOpsDeck } from '../../api/opsdeck';
import { ChooseFileButton } from './ChooseFileButton';

export function AnsibleImportForm() {
  const [path, setPath] = useState('');
  const [mappingPath, setMappingPath] = useState('');
  const [savePath, setSavePath] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const submit = async () => {
    const result = await getOpsDeck()?.fleet.importAnsible({ path, mappingPath: mappingPath.trim() || null, savePath });
    if (!result) return;
    if (result.ok) {
      setWarnings(result.value.warnings);
      setMessage(`Imported ${result.value.fleet.hosts.length} hosts into ${result.value.savedTo}; it is now the fleet. Review the warnings below.`);
    } else {
      setWarnings([]);
      setMessage(result.error.message);
    }
  };
  return (
    <form
      className="import-form"
      aria-labelledby="import-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="import-title">Import an Ansible inventory</h2>
      <div className="field-row">
        <label htmlFor="ansible-path">Ansible inventory (INI or YAML)</label>
        <input id="ansible-path" className="mono" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} placeholder="/etc/ansible/hosts" />
        <ChooseFileButton purpose="ansible-inventory" label="Choose Ansible inventory" onChosen={setPath} onError={setMessage} />
      </div>
      <div className="field-row">
        <label htmlFor="mapping-path">Group mapping (optional)</label>
        <input id="mapping-path" className="mono" value={mappingPath} onChange={(e) => setMappingPath(e.target.value)} spellCheck={false} placeholder="groups → dc, os, roles" />
        <ChooseFileButton purpose="group-mapping" label="Choose group mapping" onChosen={setMappingPath} onError={setMessage} />
      </div>
      <div className="field-row">
        <label htmlFor="save-path">Save as (new file)</label>
        <input id="save-path" className="mono" value={savePath} onChange={(e) => setSavePath(e.target.value)} spellCheck={false} placeholder="/etc/opsdeck/inventory.yaml" />
        <ChooseFileButton purpose="save-inventory" label="Choose where to save" onChosen={setSavePath} onError={setMessage} />
        <button type="submit" disabled={!path.trim() || !savePath.trim()}>
          Import
        </button>
      </div>
      {message && <p role="status">{message}</p>}
      {warnings.length > 0 && (
        <ul className="warnings">
          {warnings.map((warning, index) => (
            <li key={index}>{warning}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
