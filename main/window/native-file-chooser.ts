// The app's file dialog for the engine's fleet.chooseFile: only what the
// operator picks here (or files under the data folder) can be opened or
// created through the contract, so a compromised renderer cannot name
// arbitrary paths.
import type { BrowserWindow, Dialog } from 'electron';
import type { FileChoicePurpose } from '../engine/engine';

const TITLES: Record<FileChoicePurpose, string> = {
  inventory: 'Choose an OpsDeck inventory',
  'ansible-inventory': 'Choose an Ansible inventory (INI or YAML)',
  'group-mapping': 'Choose a group mapping',
  'save-inventory': 'Save the imported inventory as',
};

export function nativeFileChooser(dialog: Dialog, window: () => BrowserWindow | null) {
  return async (purpose: FileChoicePurpose): Promise<string | null> => {
    const parent = window();
    if (!parent) return null;
    if (purpose === 'save-inventory') {
      const saved = await dialog.showSaveDialog(parent, { title: TITLES[purpose], filters: [{ name: 'YAML', extensions: ['yaml', 'yml'] }] });
      return saved.canceled || !saved.filePath ? null : saved.filePath;
    }
    const opened = await dialog.showOpenDialog(parent, { title: TITLES[purpose], properties: ['openFile'] });
    return opened.canceled ? null : (opened.filePaths[0] ?? null);
  };
}
