import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`, for "last seen 12 s ago" and countdowns. `stopped` holds it
 * where it is (the page lost the console: how long ago an agent was seen is then unknown, so it must not grow).
 */
export function useClock(intervalMs = 1000, stopped = false): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (stopped) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, stopped]);
  return now;
}

export function inTime(at: number, now: number): string {
  const s = Math.max(0, Math.ceil((at - now) / 1000));
  return s < 60 ? `in ${s} s` : `in ${Math.ceil(s / 60)} min`;
}
