// A secondary-site host and its primary counterpart share a name once the site
// label is taken out (imap1.sea ↔ imap1.nj, db1-sea ↔ db1-nj): the pairing
// behind every primary/secondary parity check (patch levels, firewall drift,
// the firewall page's "compare with").

/** The host's name without its site label: the dc id as a dot-separated label, else the short name. */
export function siteCounterpartKey(host: string, dc: string): string {
  const labels = host.toLowerCase().split('.');
  const at = labels.indexOf(dc.toLowerCase());
  if (at > 0) return [...labels.slice(0, at), ...labels.slice(at + 1)].join('.');
  const first = labels[0]!;
  const suffix = `-${dc.toLowerCase()}`;
  return first.endsWith(suffix) && first.length > suffix.length ? first.slice(0, -suffix.length) : first;
}
