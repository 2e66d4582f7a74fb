import { formatAgo, formatFullTime } from './format';

/** "3 min ago", with the full local date and time on hover and for assistive tech: the one way a past time shows. */
export function RelativeTime({ at, now, className }: { at: number; now: number; className?: string }) {
  const full = formatFullTime(at);
  return (
    <time className={className} dateTime={new Date(at).toISOString()} title={full}>
      {formatAgo(at, now)}
    </time>
  );
}
