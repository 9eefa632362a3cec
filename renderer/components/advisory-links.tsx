// Host text with its advisory references made into links: https URLs as
// written, CVE / DSA / DLA ids to Debian's security tracker. The text stays
// text (React nodes, never HTML); links open outside the app through the
// window's open handler, which lets only https through (main/window/external-links.ts).
import type { ReactNode } from 'react';
import { advisoryPieces } from './advisory-pieces';

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
