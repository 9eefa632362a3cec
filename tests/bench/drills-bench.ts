// bench:drills — expanding 200 drill plans over five years, the issue's
// target being under 50 ms (`npm run bench:drills [-- 200,1000]`: plan
// counts). Prints a table; asserts nothing.
//
// The plans are a drills file's mix at both sites: a quarter daily (the
// worst case, 1,826 occurrences each), the rest weekly, monthly by weekday
// and by month day, quarterly, yearly; times at 01:30, 02:30 (in the
// spring-forward gap once a year), 09:30 and 14:30; each with an EXDATE.
// Baseline side by side: rrule-temporal's own expansion of the same rules
// (`between` in the rule's zone), which is what OpsDeck used before the
// compiled wall-clock expansion and what that expansion is tested against.
// "parse" is reading the schedule texts, timed once cold (a parsed text is
// remembered, so this is paid once per plans-file load);
// "history" is the auditor's expected-against-executed view over the five
// years (expansion plus matching against recorded drills).
import { parsePlansForBench } from '../support/drill-bench-plans';
import { libraryOccurrencesBetween, occurrenceMillisBetween, parseRecurrence, type DrillRule } from '../../main/engine/drills/drill-recurrence';
import { drillHistoryView } from '../../main/engine/drills/drill-schedule-view';
import { Temporal } from '../../main/engine/drills/temporal';
import { timedMedian as median } from './timed-median';

const COUNTS = (process.argv[2] ?? '200').split(',').map(Number);
const TARGET_MS = 50;
const from = Temporal.Instant.from('2026-01-01T00:00:00Z');
const to = Temporal.Instant.from('2031-01-01T00:00:00Z');

function expandAll(rules: DrillRule[], expand: typeof occurrenceMillisBetween): number {
  let total = 0;
  for (const rule of rules) total += expand(rule, from.epochMilliseconds, to.epochMilliseconds).length;
  return total;
}

const rows = COUNTS.map((count) => {
  const plans = parsePlansForBench(count);
  // Parsed texts are remembered, so only the first parse is the cost of loading a plans file.
  const parseStarted = performance.now();
  for (const plan of plans.plans) parseRecurrence(plan.schedule.text);
  const parseMs = performance.now() - parseStarted;
  const rules = plans.plans.map((plan) => {
    const parsed = parseRecurrence(plan.schedule.text);
    if (!parsed.ok) throw new Error(`${plan.id}: ${parsed.message}`);
    return parsed.rule;
  });
  const occurrences = expandAll(rules, occurrenceMillisBetween);
  const reference = expandAll(rules, libraryOccurrencesBetween);
  if (occurrences !== reference) throw new Error(`the two expansions disagree: ${occurrences} against ${reference} occurrences`);
  const libraryMs = median(3, () => expandAll(rules, libraryOccurrencesBetween));
  const opsdeckMs = median(9, () => expandAll(rules, occurrenceMillisBetween));
  return {
    plans: count,
    occurrences,
    parseMs,
    libraryMs,
    opsdeckMs,
    historyMs: median(5, () => drillHistoryView(plans, { from, to }, to)),
  };
});

console.log(`\nExpanding drill schedules over five years (${from.toString()} to ${to.toString()}); median ms; target ${TARGET_MS} ms for 200 plans\n`);
console.log('| plans | occurrences | parse (once per load) | rrule-temporal between (baseline) | OpsDeck expansion | speed-up | history view (expand + match) | within target (50 ms per 200 plans) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|:---|');
for (const row of rows) {
  const within = row.opsdeckMs < (TARGET_MS * row.plans) / 200 ? 'yes' : 'NO';
  console.log(
    `| ${row.plans} | ${row.occurrences} | ${row.parseMs.toFixed(1)} | ${row.libraryMs.toFixed(0)} | ${row.opsdeckMs.toFixed(1)} | ${(row.libraryMs / row.opsdeckMs).toFixed(0)}x | ${row.historyMs.toFixed(1)} | ${within} |`,
  );
}
