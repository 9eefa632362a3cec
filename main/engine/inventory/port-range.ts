// A role's allowed port: `993`, `"993"` or an inclusive range `"6000-6010"`,
// as plain data `{ from, to }` (a single port has from === to).

export interface PortRange {
  from: number;
  to: number;
}

export type PortRangeParse = { ok: true; range: PortRange } | { ok: false; reason: string };

const PORT_MAX = 65535;

/** Reads a port or a `low-high` range; the reason says what was expected. */
export function parsePortRange(spec: number | string): PortRangeParse {
  const text = typeof spec === 'number' ? String(spec) : spec.trim();
  const match = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(text);
  if (!match) return { ok: false, reason: `expected a port (1-${PORT_MAX}) or a range like "6000-6010", got ${JSON.stringify(spec)}` };
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  for (const port of [from, to]) {
    if (port < 1 || port > PORT_MAX) return { ok: false, reason: `port ${port} is outside 1-${PORT_MAX}` };
  }
  if (to < from) return { ok: false, reason: `range ${from}-${to} is reversed; write ${to}-${from}` };
  return { ok: true, range: { from, to } };
}
