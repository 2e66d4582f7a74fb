export interface PaletteItem {
  id: string;
  group: 'Agent' | 'Conversation' | 'Alert' | 'Decision' | 'Action';
  label: string;
  hint?: string;
  /** Running it needs a deliberate confirmation first (a high-risk approval): what to say and the button's words. */
  confirm?: { title: string; detail: string; confirmLabel: string };
  run(): void;
}

/** Items whose label, group or hint contain every word of the query (any order, any case), best first. */
export function searchPalette(items: PaletteItem[], query: string, limit = 50): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items.slice(0, limit);
  const scored: { item: PaletteItem; score: number }[] = [];
  for (const item of items) {
    const label = item.label.toLowerCase();
    const hay = `${label} ${item.group.toLowerCase()} ${(item.hint ?? '').toLowerCase()}`;
    if (!words.every((w) => hay.includes(w))) continue;
    // Whole-word hits rank first ("auto" before "semi-automatic"), then a label starting with the query.
    const labelWords = new Set(label.split(/[^a-z0-9]+/));
    const partial = words.filter((w) => !labelWords.has(w)).length;
    const score = partial * 3 + (label.startsWith(words[0]!) ? 0 : label.includes(words[0]!) ? 1 : 2);
    scored.push({ item, score });
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, limit).map((s) => s.item);
}
