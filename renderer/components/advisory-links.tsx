// Host text with its advisory references made into links: https URLs as
// written, CVE / DSA / DLA ids to Debian's security tracker. The text stays
// text (React nodes, never HTML); links open outside the app through the
// window's open handler, which lets only https through (main/window/external-links.ts).
import type { ReactNode } from 'react';

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

export function AdvisoryText({ text }: { text: string }): ReactNode {
  return advisoryPieces(text).map((piece, index) =>
    piece.href ? (
      <a key={index} href={piece.href} target="_blank" rel="noreferrer noopener" className="advisory-link">
        {piece.text}
      </a>
    ) : (
      piece.text
    ),
  );
}
