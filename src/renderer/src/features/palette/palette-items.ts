/** Sections of the palette, in the order they show when nothing is typed. */
export const PALETTE_GROUPS = [
  'Recent',
  'Navigation',
  'Decisions',
  'Alerts',
  'Actions',
  'History',
  'Connections',
  'Settings',
  'Agents',
  'Conversations',
] as const;
export type PaletteGroup = Exclude<(typeof PALETTE_GROUPS)[number], 'Recent'>;

export interface PaletteItem {
  /** Stable across openings, so recent commands can be remembered. */
  id: string;
  group: PaletteGroup;
  label: string;
  /** A second, dimmer line of context: the agent, the severity. */
  hint?: string;
  /** Keys that do the same, shown beside the command ("Alt", "D"). */
  shortcut?: string[];
  /** More words it is found by (synonyms), never shown. */
  keywords?: string;
  /** Running it needs a deliberate confirmation first (a high-risk approval): what to say and the button's words. */
  confirm?: { title: string; detail: string; confirmLabel: string };
  run(): void;
}

/** An item with its searchable text lower-cased once, not on every keystroke (10,000 agents make 10,000 items). */
export interface PreparedItem {
  item: PaletteItem;
  label: string;
  rest: string;
}

export function preparePalette(items: PaletteItem[]): PreparedItem[] {
  return items.map((item) => ({
    item,
    label: item.label.toLowerCase(),
    rest: `${item.group} ${item.hint ?? ''} ${item.keywords ?? ''}`.toLowerCase(),
  }));
}

/** a-z or 0-9 (texts are lower-cased); NaN past either end is not. */
const isWordChar = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

/**
 * How well one query word matches a text, lower is better, or null for no match. A substring beats a fuzzy
 * subsequence ("ackal" in "acknowledge alert"); a substring at a word start beats one inside a word, and a whole
 * word beats a prefix.
 */
export function wordScore(word: string, text: string): number | null {
  const at = text.indexOf(word);
  if (at >= 0) {
    if (isWordChar(text.charCodeAt(at - 1))) return 3;
    // A whole word ("auto") beats the start of a longer one ("automatic").
    const wholeWord = !isWordChar(text.charCodeAt(at + word.length));
    return (at === 0 ? 0 : 1) + (wholeWord ? 0 : 0.5);
  }
  // Subsequence: every letter in order; each gap between letters costs a little.
  let from = 0;
  let gaps = 0;
  for (const ch of word) {
    const found = text.indexOf(ch, from);
    if (found < 0) return null;
    if (found > from && from > 0) gaps++;
    from = found + 1;
  }
  return gaps > word.length / 2 ? null : 6 + gaps;
}

export interface PaletteSection {
  group: (typeof PALETTE_GROUPS)[number];
  items: PaletteItem[];
}

/**
 * The palette's results, grouped under headings. With no query: recent commands first, then a few of each group.
 * With a query: every item whose label (or group, hint, keywords) matches every word, fuzzily; sections ordered by
 * their best hit, and a recently run command ranks ahead of an equal one.
 */
export function searchPalette(
  prepared: PreparedItem[],
  query: string,
  recent: readonly string[] = [],
  { limit = 60, perGroupWhenEmpty = 10 } = {},
): PaletteSection[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const recentRank = new Map(recent.map((id, i) => [id, i]));
  if (words.length === 0) {
    const byId = new Map(prepared.map((p) => [p.item.id, p.item]));
    const recentItems = recent.map((id) => byId.get(id)).filter((i): i is PaletteItem => i !== undefined);
    const shown = new Set(recentItems.map((i) => i.id));
    const sections: PaletteSection[] = recentItems.length > 0 ? [{ group: 'Recent', items: recentItems }] : [];
    for (const group of PALETTE_GROUPS) {
      if (group === 'Recent') continue;
      const items: PaletteItem[] = [];
      for (const p of prepared) {
        if (items.length >= perGroupWhenEmpty) break;
        if (p.item.group === group && !shown.has(p.item.id)) items.push(p.item);
      }
      if (items.length > 0) sections.push({ group, items });
    }
    return sections;
  }

  const scored: { item: PaletteItem; score: number }[] = [];
  for (const p of prepared) {
    let score = 0;
    for (const word of words) {
      const inLabel = wordScore(word, p.label);
      const s = inLabel ?? (p.rest.includes(word) ? 4 : null);
      if (s === null) {
        score = -1;
        break;
      }
      score += s;
    }
    if (score < 0) continue;
    const r = recentRank.get(p.item.id);
    scored.push({ item: p.item, score: score - (r === undefined ? 0 : 0.5 - r / 100) });
  }
  scored.sort((a, b) => a.score - b.score);
  const sections = new Map<PaletteGroup, PaletteItem[]>();
  for (const { item } of scored.slice(0, limit)) {
    const list = sections.get(item.group);
    if (list) list.push(item);
    else sections.set(item.group, [item]);
  }
  return [...sections].map(([group, items]) => ({ group, items }));
}

const RECENT_KEY = 'twin-console.palette.recent';
const RECENT_MAX = 6;

/** The ids of the commands run last, newest first; kept in the page's storage across reloads. */
export function readRecent(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

export function rememberRecent(id: string, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): string[] {
  const next = [id, ...readRecent(storage).filter((r) => r !== id)].slice(0, RECENT_MAX);
  try {
    storage?.setItem(RECENT_KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: recents are a convenience, the command still ran.
  }
  return next;
}
