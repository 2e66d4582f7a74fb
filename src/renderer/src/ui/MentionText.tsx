/**
 * Message text with its @mentions highlighted. A mention of a known agent (by the handle the autocomplete inserts,
 * or by id; `names` is keyed in lower case) keeps the text as it was sent and says whom it means in its title, which
 * is also what a screen reader reads as its description.
 */
export function MentionText({ text, names }: { text: string; names?: ReadonlyMap<string, string> }) {
  const parts = text.split(/((?:^|(?<=[^\w@]))@[\w-]+)/g);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) => {
        if (!part.startsWith('@') || part.length === 1) return part;
        const name = names?.get(part.slice(1).toLowerCase());
        return (
          <mark key={i} className="mention" title={name ? `Mention of ${name}` : 'Mention'}>
            {part}
          </mark>
        );
      })}
    </>
  );
}
