// Host text split into plain pieces and advisory references: https URLs as
// written, CVE / DSA / DLA ids to Debian's security tracker. Pure.
// A URL does not end with the sentence's punctuation ("see https://…/CVE-2024-6119.").
const REFERENCE = /(https:\/\/[^\s<>"')\]]*[^\s<>"')\].,;:])|\b((?:CVE-\d{4}-\d{4,7})|(?:DSA-\d{3,5}-\d{1,3})|(?:DLA-\d{3,5}-\d{1,3}))\b/g;

export interface TextPiece {
  text: string;
  href: string | null;
}

/** Splits text into plain pieces and linked ones. Pure, for tests. */
export function advisoryPieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    const start = match.index;
    if (start > last) pieces.push({ text: text.slice(last, start), href: null });
    const [whole, url, id] = match;
    pieces.push({ text: whole, href: url ?? `https://security-tracker.debian.org/tracker/${id!}` });
    last = start + whole.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), href: null });
  return pieces;
}
