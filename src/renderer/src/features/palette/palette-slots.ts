/**
 * Commands that other features provide to the palette without the palette importing them. A feature fills a slot at
 * start-up (`fillPaletteSlot('toggleTheme', toggle)`) and empties it with the returned function; the palette offers the
 * command only while its slot is filled.
 */
export interface PaletteSlots {
  /** Switch between the light and the dark theme (the themes' owner fills it). */
  toggleTheme: () => void;
}

const slots: Partial<PaletteSlots> = {};

export function fillPaletteSlot<K extends keyof PaletteSlots>(name: K, action: PaletteSlots[K]): () => void {
  slots[name] = action;
  return () => {
    if (slots[name] === action) delete slots[name];
  };
}

export function paletteSlot<K extends keyof PaletteSlots>(name: K): PaletteSlots[K] | undefined {
  return slots[name];
}
