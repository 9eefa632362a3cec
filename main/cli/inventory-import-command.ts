// `opsdeck inventory import-ansible FILE [--mapping FILE]`: prints the
// Ansible inventory (INI or YAML) as OpsDeck YAML on stdout; what could not
// be inferred goes to stderr as warnings.
import { importAnsibleInventory, parseAnsibleMapping, type AnsibleMapping } from '../engine/inventory/ansible-import';
import { formatInventoryProblem } from '../engine/inventory/inventory-problem';
import { FileTooLargeError, readBoundedText } from '../engine/inventory/read-bounded-file';
import type { CliCommand, CliIo } from './cli-io';

export const inventoryImportCommand: CliCommand = {
  name: 'inventory import-ansible',
  summary: 'convert an Ansible inventory (INI or YAML) to OpsDeck YAML on stdout',
  usage: 'opsdeck inventory import-ansible FILE [--mapping MAPPING.yaml]',
  accepts: { values: ['--mapping'] },
  async run(args, io) {
    const file = args.onlyPositional('Ansible inventory file');
    const text = await readText(file, io);
    if (text === null) return 2;
    let mapping: AnsibleMapping | undefined;
    const mappingPath = args.value('--mapping');
    if (mappingPath) {
      const mappingText = await readText(mappingPath, io);
      if (mappingText === null) return 2;
      const parsed = parseAnsibleMapping(mappingText, mappingPath);
      if (!parsed.ok) {
        for (const problem of parsed.problems) io.stderr.write(`${formatInventoryProblem(problem)}\n`);
        return 2;
      }
      mapping = parsed.mapping as AnsibleMapping;
    }
    const result = importAnsibleInventory(text, file, mapping);
    if ('problems' in result) {
      for (const problem of result.problems) io.stderr.write(`${formatInventoryProblem(problem)}\n`);
      return 2;
    }
    for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
    io.stdout.write(result.yaml);
    return 0;
  },
};

async function readText(path: string, io: CliIo): Promise<string | null> {
  try {
    return await readBoundedText(path);
  } catch (error) {
    const reason = error instanceof FileTooLargeError ? error.message : ((error as NodeJS.ErrnoException).code ?? String(error));
    io.stderr.write(`cannot read ${path}: ${reason}\n`);
    return null;
  }
}
