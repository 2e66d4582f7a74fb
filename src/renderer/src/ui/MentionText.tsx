/** Message text with its @mentions highlighted (and named, when the handle is a known member's id). */
export function MentionText({ text, names }: { text: string; names?: Map<string, string> }) {
  const parts = text.split(/((?:^|(?<=[^\w@]))@[\w-]+)/g);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('@') && part.length > 1 ? (
          <mark key={i} className="mention">
            {names?.has(part.slice(1)) ? `@${names.get(part.slice(1))}` : part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
