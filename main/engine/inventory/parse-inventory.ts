// Inventory YAML text → a resolved Inventory, or problems that each point at
// the line and column to fix. Never throws: YAML syntax errors, schema issues
// and cross-reference errors all come back as InventoryProblem values.
import { inventoryFileSchema, type Inventory } from './inventory-schema';
import { checkInventoryReferences } from './inventory-references';
import { looseReferenceProblems } from './loose-references';
import type { InventoryProblem } from './inventory-problem';
import { normaliseInventory } from './normalise-inventory';
import { parseYamlWithSchema, type SchemaFailure } from './yaml-schema-parse';
import { describeValue } from './zod-issue-message';
import { errorMessage } from '../errors/error-message';

export type { InventoryProblem } from './inventory-problem';

export type InventoryParseResult = { ok: true; inventory: Inventory; warnings: InventoryProblem[] } | { ok: false; problems: InventoryProblem[] };

const TOP_LEVEL = 'a mapping with keys datacentres and hosts (and optionally defaults, roles, networks)';

export function parseInventory(text: string, file: string): InventoryParseResult {
  const fail = (message: string): InventoryParseResult => ({ ok: false, problems: [{ file, line: 1, column: 1, message }] });
  if (typeof text !== 'string') return fail(`expected the inventory as text, got ${describeValue(text)}`);
  try {
    const parsed = parseYamlWithSchema(text, file, inventoryFileSchema, TOP_LEVEL);
    if (!parsed.ok) return { ok: false, problems: withLooseReferences(parsed.problems, parsed.schemaFailed) };
    const references = checkInventoryReferences(parsed.data);
    if (references.problems.length > 0) return { ok: false, problems: parsed.locate(references.problems) };
    return { ok: true, inventory: normaliseInventory(parsed.data), warnings: [...parsed.warnings, ...parsed.locate(references.warnings)] };
  } catch (error) {
    // Defence in depth: the steps above are written not to throw.
    return fail(`could not read the inventory: ${errorMessage(error)}`);
  }
}

/** Schema problems plus the unknown datacentres and roles found in what could be read, each place reported once, in file order. */
function withLooseReferences(problems: InventoryProblem[], failure: SchemaFailure | undefined): InventoryProblem[] {
  if (!failure) return problems;
  const taken = new Set(problems.map((problem) => `${problem.line}:${problem.column}`));
  const more = failure.locate(looseReferenceProblems(failure.root)).filter((problem) => !taken.has(`${problem.line}:${problem.column}`));
  return [...problems, ...more].sort((a, b) => a.line - b.line || a.column - b.column);
}
