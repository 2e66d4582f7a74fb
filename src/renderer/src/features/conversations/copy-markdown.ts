import { useSyncExternalStore } from 'react';
import type { Message } from '@shared/domain';
import type { HistorySource } from '@shared/history';
import { MARKDOWN_COPY_MAX_CHARS, MARKDOWN_COPY_MAX_MESSAGES } from '@shared/history';
import { markdownMessage } from '@shared/markdown-export';
import { api } from '../../lib/api';

/** What the last copy did, for the conversation's status line; cleared after a few seconds. */
export interface CopyNotice {
  readonly text: string;
  readonly ok: boolean;
}

let notice: CopyNotice | null = null;
let clearTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function announce(next: CopyNotice): void {
  notice = next;
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => {
    notice = null;
    for (const listener of [...listeners]) listener();
  }, 6_000);
  for (const listener of [...listeners]) listener();
}

export function useCopyNotice(): CopyNotice | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notice,
  );
}

const plural = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'message' : 'messages'}`;

async function write(markdown: string): Promise<string | null> {
  try {
    await navigator.clipboard.writeText(markdown);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The selected messages, formatted here (they are on screen, so in memory) with the export's own formatter. */
export async function copyMessagesAsMarkdown(messages: readonly Message[], agentName: string, conversationTitle: string | null): Promise<void> {
  const markdown = messages.map((m) => markdownMessage(m, agentName, conversationTitle)).join('').trimEnd();
  const failed = await write(`${markdown}\n`);
  announce(failed === null ? { ok: true, text: `Copied ${plural(messages.length)} as Markdown` } : { ok: false, text: `Could not copy: ${failed}` });
}

/**
 * A whole conversation, formatted by the core from the log (not only what the view holds), bounded: a longer one
 * gives its newest messages, and the notice says so.
 */
export async function copyConversationAsMarkdown(conversationId: string, source: HistorySource = 'live'): Promise<void> {
  const result = await api.export.markdown({ conversationId, source });
  if (!result.ok) return announce({ ok: false, text: `Could not copy: ${result.error.message}` });
  const { markdown, messages, total, truncated } = result.value;
  if (messages === 0) return announce({ ok: false, text: 'Nothing to copy: this conversation has no messages yet' });
  const failed = await write(markdown);
  if (failed !== null) return announce({ ok: false, text: `Could not copy: ${failed}` });
  announce({
    ok: true,
    text: truncated
      ? `Copied the newest ${plural(messages)} of ${total.toLocaleString()} as Markdown (a copy holds at most ${MARKDOWN_COPY_MAX_MESSAGES.toLocaleString()} messages and ${MARKDOWN_COPY_MAX_CHARS / 1_000_000} MB; use History → Export for all)`
      : `Copied ${plural(messages)} as Markdown`,
  });
}
