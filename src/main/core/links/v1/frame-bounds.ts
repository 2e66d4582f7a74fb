/**
 * Bounds on the shape of a frame, checked after JSON.parse and before the schema. The schema bounds the fields it
 * names, but `message.data` and `decision.context` are free-form: without these a frame inside the size limit could
 * nest 10,000 levels deep (and overflow the stack in JSON.stringify when it is logged) or carry half a million
 * array items.
 */
export const FRAME_BOUNDS = {
  /** Nesting levels of objects and arrays, the frame itself being level 1. */
  maxDepth: 64,
  /** Items in any one array. */
  maxArrayItems: 10_000,
  /** Keys in any one object. */
  maxObjectKeys: 1_000,
  /** Characters in any one string (the longest field the schema allows, message text, is 512 Ki). */
  maxStringChars: 512 * 1024,
  /** Characters of any one key. */
  maxKeyChars: 200,
  /** Approximate JSON size of one free-form field (`data`, `context`) in characters. */
  maxFreeFormChars: 256 * 1024,
} as const;

const FREE_FORM_FIELDS = new Set(['data', 'context']);

/**
 * Walks the parsed value without recursion (a deep value must not overflow our stack either) and names the first
 * limit it breaks, with the path to it; null when within bounds.
 */
export function checkBounds(value: unknown): string | null {
  const { maxDepth, maxArrayItems, maxObjectKeys, maxStringChars, maxKeyChars, maxFreeFormChars } = FRAME_BOUNDS;
  const stack: { value: unknown; depth: number; path: string; freeForm: string | null }[] = [{ value, depth: 1, path: '(frame)', freeForm: null }];
  const freeFormChars = new Map<string, number>();
  while (stack.length > 0) {
    const { value: node, depth, path, freeForm } = stack.pop()!;
    let size = 8;
    if (typeof node === 'string') {
      if (node.length > maxStringChars) return `${path}: string longer than ${maxStringChars} characters (maxStringChars)`;
      size = node.length + 2;
    } else if (typeof node === 'object' && node !== null) {
      if (depth > maxDepth) return `${path}: nested deeper than ${maxDepth} levels (maxDepth)`;
      if (Array.isArray(node)) {
        if (node.length > maxArrayItems) return `${path}: array of more than ${maxArrayItems} items (maxArrayItems)`;
        for (let i = 0; i < node.length; i++) stack.push({ value: node[i], depth: depth + 1, path: `${path}.${i}`, freeForm });
        size = 2 + node.length;
      } else {
        const keys = Object.keys(node);
        if (keys.length > maxObjectKeys) return `${path}: object with more than ${maxObjectKeys} keys (maxObjectKeys)`;
        for (const key of keys) {
          if (key.length > maxKeyChars) return `${path}: key longer than ${maxKeyChars} characters (maxKeyChars)`;
          const child = depth === 1 ? key : `${path}.${key}`;
          const field = freeForm ?? (depth === 1 && FREE_FORM_FIELDS.has(key) ? key : null);
          stack.push({ value: (node as Record<string, unknown>)[key], depth: depth + 1, path: child, freeForm: field });
          size += key.length + 4;
        }
      }
    }
    if (freeForm !== null) {
      const total = (freeFormChars.get(freeForm) ?? 0) + size;
      if (total > maxFreeFormChars) return `${freeForm}: larger than ${maxFreeFormChars} characters of JSON (maxFreeFormChars)`;
      freeFormChars.set(freeForm, total);
    }
  }
  return null;
}

/** Only the fields an error frame may echo (`id`, `agent_id`), so nothing over a limit is kept around. */
export function refOnly(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { id, agent_id: agentId } = json as { id?: unknown; agent_id?: unknown };
  return { id, agent_id: agentId };
}
