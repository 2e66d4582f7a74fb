import type { App, NativeImage } from 'electron';

/**
 * What needs the operator, as counts. Today only `unread` is fed (agent messages that arrived while the window was
 * in the background); [Alerts] feeds `firing` alerts and pending `decisions` through the same call.
 */
export interface AttentionCounts {
  unread: number;
  firing: number;
  decisions: number;
}

export interface AttentionIndicators {
  /** Merges the given counts into the current ones and updates badge, tray and taskbar. */
  setAttentionCounts(counts: Partial<AttentionCounts>): void;
  readonly counts: AttentionCounts;
}

/** Slices of Tray and BrowserWindow, so fakes can stand in. */
export interface TrayLike {
  setToolTip(toolTip: string): void;
}
export interface AttentionWindow {
  isFocused(): boolean;
  flashFrame(flag: boolean): void;
  setOverlayIcon(overlay: NativeImage | null, description: string): void;
}

/**
 * One place that turns counts into every native cue: the dock/launcher badge (macOS, Linux Unity), the taskbar
 * overlay (Windows has no badge count), the tray tooltip, and a taskbar flash when something new needs a decision.
 */
export function createAttentionIndicators(deps: {
  app: Pick<App, 'setBadgeCount'>;
  platform: NodeJS.Platform;
  tray: () => TrayLike | null;
  window: () => AttentionWindow | null;
  overlayIcon: NativeImage | null;
}): AttentionIndicators {
  let counts: AttentionCounts = { unread: 0, firing: 0, decisions: 0 };
  return {
    get counts() {
      return counts;
    },
    setAttentionCounts(update) {
      const previous = counts;
      counts = { ...counts, ...update };
      const total = counts.unread + counts.firing + counts.decisions;
      const summary = describe(counts);
      const window = deps.window();
      if (deps.platform === 'win32') {
        window?.setOverlayIcon(total > 0 ? deps.overlayIcon : null, summary);
      } else {
        deps.app.setBadgeCount(total);
      }
      deps.tray()?.setToolTip(summary ? `Twin Console: ${summary}` : 'Twin Console');
      const needsOperator = counts.firing > previous.firing || counts.decisions > previous.decisions;
      if (window && needsOperator && !window.isFocused()) window.flashFrame(true);
    },
  };
}

function describe({ unread, firing, decisions }: AttentionCounts): string {
  const parts = [
    plural(firing, 'firing alert'),
    plural(decisions, 'decision waiting', 'decisions waiting'),
    plural(unread, 'unread message'),
  ];
  return parts.filter(Boolean).join(', ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
}
