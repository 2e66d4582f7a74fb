import { useSyncExternalStore } from 'react';

/** Whether the `?` sheet is open: one flag any feature can raise (the palette's "Show keyboard shortcuts", the key). */
let open = false;
const listeners = new Set<() => void>();

function set(next: boolean) {
  if (open === next) return;
  open = next;
  listeners.forEach((notify) => notify());
}

export const openShortcutSheet = () => set(true);
export const closeShortcutSheet = () => set(false);

export function useShortcutSheetOpen(): boolean {
  return useSyncExternalStore(
    (notify) => {
      listeners.add(notify);
      return () => listeners.delete(notify);
    },
    () => open,
  );
}
