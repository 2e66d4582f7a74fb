/**
 * One way to show times and values everywhere: local clock time for today, a short date before that, "2 min ago"
 * where recency matters, and money, percentages and multiples for structured data instead of raw numbers.
 */
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dated = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "14:05" today, "Nov 30, 14:05" before. */
export function formatTime(at: number, now = Date.now()): string {
  return new Date(at).toDateString() === new Date(now).toDateString() ? clock.format(at) : dated.format(at);
}

/** For tooltips and `title`: the full local date and time. */
export function formatFullTime(at: number): string {
  return full.format(at);
}

export function formatAgo(at: number | null, now: number): string {
  if (at === null) return 'never';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return formatTime(at, now);
}

/** How often and when something was seen: "Seen once, 2 min ago", "Seen 3 times, last 2 min ago (first 1 h ago)". */
export function formatSeen(count: number, firstAt: number, lastAt: number, now: number): string {
  if (count <= 1) return `Seen once, ${formatAgo(lastAt, now)}`;
  const times = count === 2 ? 'twice' : `${count} times`;
  return `Seen ${times}, last ${formatAgo(lastAt, now)} (first ${formatAgo(firstAt, now)})`;
}

/** "12 min left", "1 h 5 min left", "expired". */
export function formatTimeLeft(at: number, now: number): string {
  const s = Math.ceil((at - now) / 1000);
  if (s <= 0) return 'expired';
  if (s < 60) return `${s} s left`;
  const min = Math.ceil(s / 60);
  if (min < 60) return `${min} min left`;
  const h = Math.floor(min / 60);
  return `${h} h${min % 60 ? ` ${min % 60} min` : ''} left`;
}

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** A field name as words: `amount_usd` -> "Amount", `window_s` -> "Window". */
export function fieldLabel(key: string): string {
  const words = key.replace(/_(usd|eur|pct|percent|s|ms|x)$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ACRONYMS = new Set(['arr', 'ctr', 'rtt', 'seo', 'cpu', 'mrr', 'api', 'nps', 'p50', 'p90', 'p95', 'p99', 'usd', 'q1', 'q2', 'q3', 'q4', 'kpi', 'roi']);

/** An identifier as words: "webinar_viewers" -> "Webinar viewers", "p95_latency" -> "P95 latency", "mrr" -> "MRR". */
export function readableId(id: string): string {
  const text = id
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()))
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A machine id where a person expects words: snake_case like "webinar_viewers", or any value of a metric-like field. */
const looksLikeId = (key: string, value: string) => /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(value) || (/(^|_)(metric|kpi|series)$/.test(key) && /^[a-z][a-z0-9_-]*$/.test(value));

/** A structured value as an operator reads it, guided by its field name's unit suffix or meaning. */
export function formatField(key: string, value: unknown): string {
  if (typeof value === 'string' && looksLikeId(key, value)) return readableId(value);
  if (typeof value === 'number') {
    if (/_usd$|^amount$|^price$|^budget$|^revenue$/.test(key)) return money.format(value);
    if (/_eur$/.test(key)) return new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);
    if (/_(pct|percent)$/.test(key)) return percent.format(value / 100);
    if (/(^|_)(discount|rate|share|ratio|confidence)$/.test(key) && value >= 0 && value <= 1) return percent.format(value);
    if (/_ms$/.test(key)) return `${number.format(value)} ms`;
    if (/_s$/.test(key)) return value >= 120 ? `${number.format(value / 60)} min` : `${number.format(value)} s`;
    if (/_x$|coverage$/.test(key)) return `${number.format(value)}x`;
    return number.format(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => formatField('', v)).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${fieldLabel(k)}: ${formatField(k, v)}`)
    .join(' · ');
}

/** Who did something, from the core's actor ids: "you", an agent's name, or the console rule. */
export function formatActor(actor: string, agentName: (id: string) => string | undefined): string {
  if (actor === 'operator') return 'you';
  if (actor.startsWith('agent:')) return agentName(actor.slice('agent:'.length)) ?? 'the agent';
  if (actor.startsWith('rule:')) return `the console (${actor.slice('rule:'.length).replace(/_/g, ' ')} rule)`;
  if (actor.startsWith('policy:')) return actor === 'policy:auto' ? 'automatic mode' : 'semi-automatic mode';
  return actor;
}
