// Ansible host ranges: `web[01:03].example.com` → web01, web02, web03 (the
// width of the start keeps leading zeros), `db-[a:c]`, and a stride
// `[1:10:2]`. Several ranges in one name multiply. Plain names pass through.

export type HostPatternExpansion = { ok: true; names: string[] } | { ok: false; reason: string };

/** More than this from one line is almost certainly a typo (`[1:100000]`). */
const MAX_EXPANDED = 10_000;

export function expandHostPattern(pattern: string): HostPatternExpansion {
  const range = /\[([^\]]*)\]/.exec(pattern);
  if (!range) return { ok: true, names: [pattern] };
  const values = rangeValues(range[1] ?? '');
  if (typeof values === 'string') return { ok: false, reason: `${JSON.stringify(pattern)}: ${values}` };
  const head = pattern.slice(0, range.index);
  const tail = expandHostPattern(pattern.slice(range.index + range[0].length));
  if (!tail.ok) return tail;
  if (values.length * tail.names.length > MAX_EXPANDED) return { ok: false, reason: `${JSON.stringify(pattern)} expands to more than ${MAX_EXPANDED} hosts` };
  return { ok: true, names: values.flatMap((value) => tail.names.map((rest) => `${head}${value}${rest}`)) };
}

function rangeValues(spec: string): string[] | string {
  const [start = '', end = '', strideText, extra] = spec.split(':');
  const expected = `expected a range like [01:03] or [a:c], got [${spec}]`;
  if (extra !== undefined || end === '') return expected;
  const stride = strideText === undefined ? 1 : Number(strideText);
  if (!Number.isInteger(stride) || stride < 1) return `${expected} (the step must be a whole number of at least 1)`;
  if (/^\d+$/.test(start) && /^\d+$/.test(end)) {
    const [from, to] = [Number(start), Number(end)];
    if (to < from) return `range [${spec}] is reversed`;
    if ((to - from) / stride >= MAX_EXPANDED) return `range [${spec}] has more than ${MAX_EXPANDED} values`;
    const width = start.length;
    const values: string[] = [];
    for (let value = from; value <= to; value += stride) values.push(String(value).padStart(width, '0'));
    return values;
  }
  if (/^[a-z]$/.test(start) === /^[a-z]$/.test(end) && /^[A-Za-z]$/.test(start) && /^[A-Za-z]$/.test(end)) {
    const [from, to] = [start.charCodeAt(0), end.charCodeAt(0)];
    if (to < from) return `range [${spec}] is reversed`;
    const values: string[] = [];
    for (let code = from; code <= to; code += stride) values.push(String.fromCharCode(code));
    return values;
  }
  return expected;
}
