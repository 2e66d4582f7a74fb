import { HIGHLIGHT_END, HIGHLIGHT_START } from '@shared/history';

/** Renders a search snippet with its matches in <mark>: the markers are split out, never parsed as HTML. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(HIGHLIGHT_START);
  return (
    <span className="hit-snippet">
      {parts.map((part, i) => {
        if (i === 0) return <span key={i}>{part}</span>;
        const [marked, rest] = part.split(HIGHLIGHT_END) as [string, string | undefined];
        return (
          <span key={i}>
            <mark>{marked}</mark>
            {rest}
          </span>
        );
      })}
    </span>
  );
}
