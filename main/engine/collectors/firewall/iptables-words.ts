// Splits an iptables-save rule line into words. iptables-save quotes an
// argument only when it contains spaces or quotes (`--comment web` but
// `--log-prefix "iptables-drop: "`), escaping `"` and `\` with a backslash
// (xtables.c xtables_save_string). A quoted word is never an option, even
// when it starts with a dash.
export interface IptablesWord {
  text: string;
  quoted: boolean;
}

export function iptablesWords(line: string): IptablesWord[] {
  const words: IptablesWord[] = [];
  let index = 0;
  while (index < line.length) {
    const char = line[index]!;
    if (char === ' ' || char === '\t') {
      index++;
      continue;
    }
    if (char === '"') {
      let text = '';
      index++;
      while (index < line.length && line[index] !== '"') {
        if (line[index] === '\\' && index + 1 < line.length) index++;
        text += line[index];
        index++;
      }
      index++;
      words.push({ text, quoted: true });
      continue;
    }
    let end = index;
    while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++;
    words.push({ text: line.slice(index, end), quoted: false });
    index = end;
  }
  return words;
}
