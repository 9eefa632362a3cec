import type { InventoryProblemView } from '../../preload/contract';

export function InventoryProblems({ problems }: { problems: InventoryProblemView[] }) {
  if (problems.length === 0) return null;
  return (
    <section className="problems" role="alert" aria-label="Inventory problems">
      <strong>The inventory file has problems; the last good inventory is still in use.</strong>
      <ul>
        {problems.map((problem, index) => (
          <li key={index} className="mono">
            {problem.file}:{problem.line}:{problem.column}: {problem.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
