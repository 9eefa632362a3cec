// Imports an Ansible inventory file (with an optional group mapping) into a
// new OpsDeck inventory file. Never overwrites an existing file: the
// operator's edits are not lost to a second import.
import { writeFile } from 'node:fs/promises';
import { EngineError } from '../dispatch/engine-error';
import { importAnsibleInventory, parseAnsibleMapping, type AnsibleMapping } from '../inventory/ansible-import';
import { formatInventoryProblem } from '../inventory/inventory-problem';
import { FileTooLargeError, readBoundedText } from '../inventory/read-bounded-file';

export async function importAnsibleFile(path: string, mappingPath: string | null, savePath: string): Promise<{ warnings: string[] }> {
  const text = await readText(path, 'Ansible inventory');
  let mapping: AnsibleMapping | undefined;
  if (mappingPath) {
    const parsed = parseAnsibleMapping(await readText(mappingPath, 'group mapping'), mappingPath);
    if (!parsed.ok) throw new EngineError('bad-inventory', parsed.problems.map(formatInventoryProblem).join('\n'));
    mapping = parsed.mapping as AnsibleMapping;
  }
  const result = importAnsibleInventory(text, path, mapping);
  if ('problems' in result) throw new EngineError('bad-inventory', result.problems.map(formatInventoryProblem).join('\n'));
  try {
    await writeFile(savePath, result.yaml, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EngineError('failed', code === 'EEXIST' ? `${savePath} already exists; choose another name (OpsDeck never overwrites an inventory)` : `cannot write ${savePath}: ${code}`);
  }
  return { warnings: result.warnings };
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readBoundedText(path);
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new EngineError('bad-inventory', `cannot read the ${what}: ${error.message}`);
    throw new EngineError('not-found', `cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
