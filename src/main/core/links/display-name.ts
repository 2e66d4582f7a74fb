/**
 * What an agent calls itself, made safe to show. An agent's name, role, department and description are its own
 * word and untrusted: an agent could otherwise pass for another by announcing the same name, or one that only looks
 * the same (bidi overrides, zero-width or other invisible characters, full-width forms, other case), or none at all.
 *
 * The rule (docs/protocol.md, "Names an operator can trust"):
 *  - invisible characters go: controls and format characters (Unicode Cc, Cf: bidi controls, zero-width spaces and
 *    joiners, the BOM, tags), lone surrogates, and the other default-ignorable ones (variation selectors, Hangul
 *    fillers); the text is NFKC-normalised, whitespace collapses to single spaces, and the label is bounded;
 *  - a name with nothing visible left shows the agent id;
 *  - two different agents never show the same name: compared without case, width and lookalike letters (Cyrillic
 *    "С" for Latin "C", "0" for "O"), the later one shows its id
 *    too ("CMO Twin (cmo-2)").
 * The id itself is never changed (the log keys everything on it); where it is shown, its invisible characters are
 * written out as `<U+202E>`.
 *
 * Pure: no I/O, no clock. The agent directory applies it to every card the fleet accepts.
 */

import unhomoglyph from 'unhomoglyph';

/** Longest name, role or department shown, in code points (the id suffix comes on top). */
export const LABEL_MAX = 64;
/** Longest description kept, in code points (the protocol's own bound). */
export const DESCRIPTION_MAX = 4000;
/** Longest id shown in a label; the full id is always in the agent's details. */
const SHOWN_ID_MAX = 64;
/** Combining marks kept on one base character: enough for any script, too few to paint over the rows around. */
const MAX_MARKS = 4;

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;
/** The same, but keeping line breaks and tabs, for multi-line text. */
const INVISIBLE_IN_TEXT = /(?![\n\t])[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;
const MARK_RUN = new RegExp(`(\\p{M}{${MAX_MARKS}})\\p{M}+`, 'gu');
const VISIBLE = /[^\p{M}\s]/u;

/** A one-line label (name, role, department) as it may be shown; '' when nothing visible is left. */
export function cleanLabel(raw: string, max = LABEL_MAX): string {
  const text = raw.replace(INVISIBLE, '').normalize('NFKC').replace(INVISIBLE, '').replace(MARK_RUN, '$1').replace(/\s+/gu, ' ').trim();
  return VISIBLE.test(text) ? bound(text, max) : '';
}

/** Multi-line text (a description): invisible characters go, line breaks stay; not normalised, only bounded. */
export function cleanText(raw: string, max = DESCRIPTION_MAX): string {
  return bound(raw.replace(INVISIBLE_IN_TEXT, '').replace(MARK_RUN, '$1').trim(), max);
}

/**
 * What two labels are compared by: a cleaned label without case, width or lookalike letters ("ＣＭＯ twin", "СМО Twin"
 * in Cyrillic, "CM0 Twin" and "CMO Twin" are one). Lookalikes fold by Unicode's confusables table (UTS #39), through
 * `unhomoglyph`, as Element does for Matrix display names; a false match only costs a name its id suffix.
 */
export function labelKey(label: string): string {
  // Upper then lower folds more than lower alone (ß and SS, final sigma); NFKC again, as casing may denormalise.
  const folded = cleanLabel(label, Number.MAX_SAFE_INTEGER).toUpperCase().toLowerCase().normalize('NFKC');
  // Compared in capitals: the table maps capitals of other scripts to Latin ones ("М" to "M") but some small letters
  // to odd Latin ones (Cyrillic "м" to "ʍ"), and its skeleton is of mixed case ("0" to "O"): lowered at the end.
  return unhomoglyph(folded.toUpperCase()).toLowerCase();
}

/** An agent id as it may be shown: unchanged, except that each invisible character is written out (`<U+200B>`). */
export function shownId(id: string): string {
  const spelled = (c: string) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
  return bound(id.replace(INVISIBLE, spelled).replace(/[^\S ]/gu, spelled), SHOWN_ID_MAX);
}

/**
 * The names shown in one roster, kept distinct. Built from the names the log already shows; `claim` gives an agent
 * the name it may show and holds it for that agent, so names claimed one after another never collide.
 */
export class NameBook {
  /** Label key → the agents showing it (more than one only for rows logged before this rule). */
  private readonly holders = new Map<string, Set<string>>();
  private readonly keyOf = new Map<string, string>();

  constructor(shown: Iterable<{ id: string; name: string }> = []) {
    for (const { id, name } of shown) this.hold(id, labelKey(name));
  }

  /**
   * The name `id` shows for the name it announced: cleaned; its id when nothing visible is left; and with its id
   * appended when another agent already shows the same name (then a counter, in the rare case that is taken too).
   */
  claim(id: string, announced: string): string {
    this.release(id);
    const base = cleanLabel(announced) || shownId(id);
    let name = base;
    for (let n = 1; this.takenByOther(labelKey(name), id); n++) name = `${base} (${shownId(id)}${n === 1 ? '' : ` #${n}`})`;
    this.hold(id, labelKey(name));
    return name;
  }

  private takenByOther(key: string, id: string): boolean {
    const holders = this.holders.get(key);
    return holders !== undefined && [...holders].some((holder) => holder !== id);
  }

  private hold(id: string, key: string): void {
    this.release(id);
    let holders = this.holders.get(key);
    if (!holders) this.holders.set(key, (holders = new Set()));
    holders.add(id);
    this.keyOf.set(id, key);
  }

  private release(id: string): void {
    const key = this.keyOf.get(id);
    if (key === undefined) return;
    this.keyOf.delete(id);
    const holders = this.holders.get(key);
    holders?.delete(id);
    if (holders?.size === 0) this.holders.delete(key);
  }
}

/** Cuts to `max` code points, never inside a surrogate pair, with an ellipsis when something was cut. */
function bound(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}
