/**
 * A LinkSink that records what a link reports, for tests of one link on its own (the fleet's are in the core
 * tests). Waits are event-driven: each report re-checks the waiting conditions.
 */
import { resolveLinkConfig } from '../../src/main/core/link-config';
import { silentLogger } from '../../src/main/core';
import type { Announcement, InboundEvent, Link, LinkContext, LinkSink } from '../../src/main/core/links/link';
import type { A2aStore, OpenTask } from '../../src/main/core/links/a2a/a2a-store';
import type { AgentCard } from '../../src/shared/protocol';

export class RecordingSink implements LinkSink {
  readonly cards: AgentCard[][] = [];
  readonly events: Array<{ agentId: string; event: InboundEvent }> = [];
  readonly states: string[] = [];
  readies = 0;
  private readonly waiters = new Set<() => void>();

  announced(_link: Link, cards: readonly AgentCard[]): Announcement {
    this.cards.push([...cards]);
    this.changed();
    return { lastSeq: {}, refused: [] };
  }
  ready(): void {
    this.readies++;
    this.changed();
  }
  inbound(_link: Link, agentId: string, event: InboundEvent): void {
    this.events.push({ agentId, event });
    this.changed();
  }
  stateChanged(link: Link): void {
    this.states.push(link.state);
    this.changed();
  }
  healthChanged(): void {
    this.changed();
  }

  of<T extends InboundEvent['type']>(type: T): Array<Extract<InboundEvent, { type: T }>> {
    return this.events.map((e) => e.event).filter((e): e is Extract<InboundEvent, { type: T }> => e.type === type);
  }

  /** Resolves once `condition()` holds. */
  until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting until ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private changed(): void {
    for (const check of [...this.waiters]) check();
  }
}

export function linkContext(url: string, sink: LinkSink, token: string | null = null): LinkContext {
  return {
    endpoint: { id: `ep-${url}`, url, token },
    sink,
    config: resolveLinkConfig('test-console', { backoff: { baseMs: 10, capMs: 50 } }),
    logger: silentLogger,
    now: Date.now,
  };
}

/** Open tasks in memory, for link tests that do not restart (restarts are tested through the core and SQLite). */
export class MemoryA2aStore implements A2aStore {
  readonly tasks = new Map<string, OpenTask>();
  readonly marks = new Map<string, { task?: { id: string; state: string }; maybeDuplicate?: boolean }>();
  openTasks(agentId: string): OpenTask[] {
    return [...this.tasks.values()].filter((t) => t.agentId === agentId);
  }
  saveTask(task: OpenTask): void {
    this.tasks.set(task.taskId, { ...task, requestId: this.tasks.get(task.taskId)?.requestId ?? task.requestId });
  }
  closeTask(_agentId: string, taskId: string): void {
    this.tasks.delete(taskId);
  }
  markTask(requestId: string, taskId: string, state: string): void {
    this.marks.set(requestId, { ...this.marks.get(requestId), task: { id: taskId, state } });
  }
  markMaybeDuplicate(messageId: string): void {
    this.marks.set(messageId, { ...this.marks.get(messageId), maybeDuplicate: true });
  }
}
