/** Where an item that is not in the list yet goes: first, last, or nowhere (the list only tracks what it holds). */
export type InsertAt = 'start' | 'end' | 'none';

/**
 * The one merge rule of every live list: an item whose key is already there replaces it in place (a newer version
 * of the same thing), and a new item is inserted at `insertAt`. Returns `list` itself when nothing changed, so a
 * burst of events about other things costs no render.
 */
export function upsert<T>(list: readonly T[], items: readonly T[], keyOf: (item: T) => string, insertAt: InsertAt = 'end'): T[] {
  let next: T[] | null = null;
  const added: T[] = [];
  for (const item of items) {
    const key = keyOf(item);
    const current: readonly T[] = next ?? list;
    // Updates are nearly always of recent items: look from the end, so a 100,000-message window stays cheap.
    let index = -1;
    for (let i = current.length - 1; i >= 0; i--) {
      if (keyOf(current[i]!) === key) {
        index = i;
        break;
      }
    }
    if (index !== -1) {
      next ??= list.slice();
      next[index] = item;
      continue;
    }
    const pending = added.findIndex((a) => keyOf(a) === key);
    if (pending !== -1) added[pending] = item;
    else if (insertAt !== 'none') added.push(item);
  }
  if (added.length === 0) return next ?? (list as T[]);
  const base = next ?? list;
  return insertAt === 'start' ? [...added.reverse(), ...base] : [...base, ...added];
}

/** Drops the items with these keys; returns `list` itself when none was there. */
export function removeKeys<T>(list: readonly T[], keys: readonly string[], keyOf: (item: T) => string): T[] {
  if (keys.length === 0) return list as T[];
  const drop = new Set(keys);
  const next = list.filter((item) => !drop.has(keyOf(item)));
  return next.length === list.length ? (list as T[]) : next;
}
