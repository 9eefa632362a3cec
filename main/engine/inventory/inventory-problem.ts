// What is wrong with an inventory (or an Ansible inventory being imported),
// where: 1-based line and column in `file`, and a message that says what was
// expected. Plain data; the UI shows it as `file:line:column: message`.

export interface InventoryProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** `file:line:column: message`, the form editors and terminals make clickable. */
export function formatInventoryProblem(problem: InventoryProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}
