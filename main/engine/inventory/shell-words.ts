// Splits a line into words the way a POSIX shell (and Python's shlex, which
// Ansible uses for INI host lines and ssh_common_args) does: whitespace
// separates, '…' is literal, "…" honours \" \\ \$ \`, and a backslash outside
// quotes escapes the next character. With `comments`, an unquoted '#' ends the
// line (shlex's comments=True). Nothing is expanded or executed.

/** On failure, `index` is where the unterminated quote opens (0-based). */
export type ShellWords = { ok: true; words: string[] } | { ok: false; reason: string; index: number };

export function splitShellWords(text: string, options: { comments?: boolean } = {}): ShellWords {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      index += 1;
      continue;
    }
    if (char === '#' && options.comments) break;
    inWord = true;
    if (char === "'") {
      const end = text.indexOf("'", index + 1);
      if (end < 0) return { ok: false, reason: "unterminated ' quote", index };
      word += text.slice(index + 1, end);
      index = end + 1;
    } else if (char === '"') {
      const quoted = readDoubleQuoted(text, index + 1);
      if (quoted === null) return { ok: false, reason: 'unterminated " quote', index };
      word += quoted.text;
      index = quoted.end + 1;
    } else if (char === '\\' && index + 1 < text.length) {
      word += text[index + 1];
      index += 2;
    } else {
      word += char;
      index += 1;
    }
  }
  if (inWord) words.push(word);
  return { ok: true, words };
}

function readDoubleQuoted(text: string, start: number): { text: string; end: number } | null {
  let result = '';
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') return { text: result, end: index };
    const next = text[index + 1];
    if (char === '\\' && next !== undefined && '"\\$`'.includes(next)) {
      result += next;
      index += 1;
    } else {
      result += char;
    }
  }
  return null;
}
