import type { ApiError, Result } from '@shared/contract';

/** How long an action waits for an Undo before it is carried out (Gmail's undo-send window, give or take). */
export const UNDO_WINDOW_MS = 6_000;

/** What a held action will do to one item, so a view can show the item as done while it waits. */
export type HeldEffect =
  | { kind: 'alert'; id: string; to: 'acknowledged' | 'resolved' | 'silenced' }
  | { kind: 'decision'; agentId: string; id: string; to: 'approved' | 'rejected' };

export interface HeldAction {
  readonly id: number;
  /** What the toast says, e.g. "Approved “Raise budget”" or "Acknowledged 3 alerts". */
  readonly label: string;
  readonly effects: readonly HeldEffect[];
  readonly dueAt: number;
  /** Past its Undo time and on its way to the core: views still show it as done until the core has answered. */
  readonly committing: boolean;
}

export interface Failure {
  readonly id: number;
  readonly label: string;
  readonly error: ApiError;
}

interface Entry extends HeldAction {
  commit(): Promise<Result<unknown>[]>;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Every triage action (acknowledge, resolve, silence, approve, reject; one item or a bulk) is held here for a few
 * seconds before it reaches the core, so Undo simply drops it: a decision's answer cannot be unsent once the agent
 * has it, and holding alert actions too keeps one model (and no "acknowledged, then un-acknowledged" noise in an
 * alert's timeline). Views show held items as already done. When the page goes away (window closed, reloaded,
 * navigated) every held action is carried out at once, so closing never loses an answer; only a crash of the page
 * within the window loses it, and then the item is simply still waiting when the console is opened again.
 */
export class UndoQueue {
  private held: Entry[] = [];
  private failures: Failure[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();
  private snapshot: { held: readonly HeldAction[]; failures: readonly Failure[] } = { held: [], failures: [] };

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = UNDO_WINDOW_MS,
  ) {}

  /** Holds an action; `commit` runs when the window passes (or the page goes away) unless it is undone first. */
  hold(label: string, effects: HeldEffect[], commit: () => Promise<Result<unknown>[]>): number {
    const id = this.nextId++;
    const timer = setTimeout(() => void this.run(id), this.windowMs);
    this.held = [...this.held, { id, label, effects, dueAt: this.now() + this.windowMs, committing: false, commit, timer }];
    this.changed();
    return id;
  }

  /** Drops a held action (the newest when no id is given). Returns its label, or null when nothing was held. */
  undo(id?: number): string | null {
    const undoable = this.held.filter((e) => !e.committing);
    const entry = id === undefined ? undoable.at(-1) : undoable.find((e) => e.id === id);
    if (!entry) return null;
    clearTimeout(entry.timer);
    this.held = this.held.filter((e) => e !== entry);
    this.changed();
    return entry.label;
  }

  /** Carries out every held action now: the page is going away. */
  flush(): void {
    for (const entry of this.held.filter((e) => !e.committing)) void this.run(entry.id);
  }

  dismissFailure(id: number): void {
    this.failures = this.failures.filter((f) => f.id !== id);
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot = () => this.snapshot;

  private async run(id: number): Promise<void> {
    const entry = this.held.find((e) => e.id === id);
    if (!entry || entry.committing) return;
    clearTimeout(entry.timer);
    // Kept (not undoable) until the core answers, so the item does not flash back to its old state meanwhile.
    this.held = this.held.map((e) => (e === entry ? { ...e, committing: true } : e));
    this.changed();
    let results: Result<unknown>[];
    try {
      results = await entry.commit();
    } catch (error) {
      results = [{ ok: false, error: { code: 'TRANSPORT_FAILED', message: String(error) } }];
    }
    this.held = this.held.filter((e) => e.id !== entry.id);
    this.changed();
    const failed = results.filter((r): r is { ok: false; error: ApiError } => !r.ok);
    if (failed.length === 0) return;
    const error = failed.length === 1 ? failed[0]!.error : { ...failed[0]!.error, message: `${failed.length} of ${results.length} failed: ${failed[0]!.error.message}` };
    this.failures = [...this.failures, { id: entry.id, label: entry.label, error }];
    this.changed();
  }

  private changed(): void {
    this.snapshot = {
      held: this.held.map(({ id, label, effects, dueAt, committing }) => ({ id, label, effects, dueAt, committing })),
      failures: this.failures,
    };
    for (const listener of this.listeners) listener();
  }
}

/** The app's one queue; the page carries out what it holds as it goes away. */
export const undoQueue = new UndoQueue();
if (typeof window !== 'undefined') {
  // pagehide covers close, reload and navigation (and bfcache); beforeunload is a second chance where pagehide is late.
  window.addEventListener('pagehide', () => undoQueue.flush());
  window.addEventListener('beforeunload', () => undoQueue.flush());
}
