// YAML text checked against a zod schema, with every problem placed at a line
// and column: syntax errors where the parser stopped, schema issues at the
// offending node (a missing key at its parent mapping). Never throws. Used for
// the inventory and for the Ansible import mapping.
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { InventoryProblem } from './inventory-problem';
import { positionOfOffset, positionOfPath } from './yaml-locations';
import { describeValue, messagesForIssue, type LocatedMessage } from './zod-issue-message';

export type YamlSchemaParse<T> =
  { ok: true; data: T; warnings: InventoryProblem[]; locate: (messages: LocatedMessage[]) => InventoryProblem[] } | { ok: false; problems: InventoryProblem[]; schemaFailed?: SchemaFailure };

/** When the file was read but failed the schema: its plain value and how to place more messages in it. */
export interface SchemaFailure {
  root: Record<string, unknown>;
  locate: (messages: LocatedMessage[]) => InventoryProblem[];
}

/** Enough for anchors reused across a fleet; stops "billion laughs" alias bombs. */
const MAX_ALIAS_COUNT = 1000;

/** `expected` describes the top level, e.g. "a mapping with keys datacentres and hosts". */
export function parseYamlWithSchema<Schema extends z.ZodType>(text: string, file: string, schema: Schema, expected: string): YamlSchemaParse<z.output<Schema>> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, merge: true });
  const problemAt = (offset: number, message: string): InventoryProblem => ({ file, ...positionOfOffset(counter, offset), message });
  const failed = (problems: InventoryProblem[]) => ({ ok: false as const, problems });
  // Only the first syntax error: the ones after it are usually the parser losing its way.
  const [syntax] = doc.errors;
  if (syntax) return failed([problemAt(syntax.pos[0], `YAML syntax: ${firstLine(syntax.message)}`)]);
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return failed([problemAt(0, `YAML: ${error instanceof Error ? firstLine(error.message) : String(error)}`)]);
  }
  if (root === null || root === undefined) return failed([problemAt(0, `the file is empty; expected ${expected}`)]);
  if (typeof root !== 'object' || Array.isArray(root)) {
    return failed([problemAt(doc.contents?.range?.[0] ?? 0, `expected ${expected}, got ${describeValue(root)}`)]);
  }
  const locate = (messages: LocatedMessage[]) => sortedProblems(messages.map((message) => ({ file, ...positionOfPath(doc, counter, message.path, message.target), message: message.message })));
  const parsed = schema.safeParse(root);
  if (!parsed.success) {
    const problems = locate(parsed.error.issues.flatMap((issue) => messagesForIssue(issue, root)));
    return { ok: false, problems, schemaFailed: { root: root as Record<string, unknown>, locate } };
  }
  const warnings = doc.warnings.map((warning) => problemAt(warning.pos[0], `YAML: ${firstLine(warning.message)}`));
  return { ok: true, data: parsed.data, warnings, locate };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function sortedProblems(problems: InventoryProblem[]): InventoryProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}
