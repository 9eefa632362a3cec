// pkgsrc package names are `<name>-<version>`, and names contain hyphens
// (`py311-cryptography-42.0.8`): the version starts after the LAST hyphen.
export interface PkgName {
  name: string;
  version: string | null;
  /** As printed: `openssl-3.0.14`. */
  full: string;
}

export function splitPkgName(full: string): PkgName {
  const at = full.lastIndexOf('-');
  if (at <= 0 || at === full.length - 1) return { name: full, version: null, full };
  return { name: full.slice(0, at), version: full.slice(at + 1), full };
}
