/**
 * Turns what an operator typed into an FTS5 query that cannot fail to parse.
 *
 * FTS5 gives meaning to AND, OR, NOT, NEAR, parentheses, colons, ^, + and quotes; an operator typing "C++ AND
 * (draft" means those characters as text. So every word becomes a quoted string (quotes doubled inside), which FTS5
 * tokenizes like the indexed text. Three habits keep their meaning because people expect them: "a phrase" in double
 * quotes, and a trailing * for a prefix. Words are ANDed, as in every search box.
 */
const SEARCHABLE = /[\p{L}\p{N}]/u;

export function toFtsQuery(input: string): string | null {
  const parts: string[] = [];
  // An unmatched opening quote makes the rest of the input one phrase, rather than an error.
  const pattern = /"([^"]*)("|$)|(\S+)/g;
  for (const match of input.matchAll(pattern)) {
    const phrase = match[1];
    if (phrase !== undefined) {
      if (SEARCHABLE.test(phrase)) parts.push(quote(phrase));
      continue;
    }
    const word = match[3] ?? '';
    const prefix = /^(.*[\p{L}\p{N}])\*+$/u.exec(word);
    if (prefix?.[1]) {
      parts.push(`${quote(prefix[1])}*`);
    } else if (SEARCHABLE.test(word)) {
      parts.push(quote(word));
    }
  }
  return parts.length === 0 ? null : parts.join(' ');
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
