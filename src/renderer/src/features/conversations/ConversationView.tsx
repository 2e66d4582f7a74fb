import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type MouseEvent, type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Agent, Message } from '@shared/domain';
import { directConversationId } from '@shared/domain';
import type { HistorySource } from '@shared/history';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ViewState } from '../../ui/ViewState';
import { LinkStateText } from '../../ui/LinkStateDot';
import { Composer } from './Composer';
import './conversation-select.css';
import { copyConversationAsMarkdown, copyMessagesAsMarkdown, useCopyNotice } from './copy-markdown';
import { MessageBubble } from './MessageBubble';
import { StreamingReplies } from './StreamingReply';
import { useConversation } from './use-conversation';

interface ConversationViewProps {
  /** The agent on the other side; null when reviewing a log whose agents this console does not know. */
  agent: Agent | null;
  /** Defaults to the operator's direct conversation with `agent`. */
  conversationId?: string;
  /** Open the conversation around this message (a search hit) instead of at its newest end. */
  anchorId?: string | null;
  source?: HistorySource;
  title?: string;
  /** The quiet row under the name (an agent's link figures), given what only the conversation knows: queued messages. */
  headerDetail?: (figures: { queued: number }) => ReactNode;
  /** Controls between the header and the messages (an agent's mode and panels). */
  toolbar?: ReactNode;
}

/** How close to an end of the loaded window (in px) the next page is fetched. */
const EDGE_PX = 800;

/**
 * One conversation, virtualized: only the rows on screen (plus a few) are in the DOM, each measured after it renders,
 * so a 100,000-message history scrolls like a short one. Reaching either end pages in from the log; prepending older
 * rows keeps what the operator was reading in place; new messages are followed only while the view is at the bottom.
 */
export function ConversationView({ agent, conversationId, anchorId = null, source = 'live', title, headerDetail, toolbar }: ConversationViewProps) {
  const id = conversationId ?? (agent ? directConversationId(agent.id) : null);
  const { conversation, messages, hasOlder, hasNewer, loading, error, loadOlder, loadNewer, jumpToLatest } = useConversation(id, {
    anchorId,
    source,
  });
  const scroller = useRef<HTMLDivElement>(null);
  const queued = useMemo(() => messages.filter((m) => m.direction === 'out' && m.status === 'queued').length, [messages]);
  // Whether the view follows new messages. Only the operator scrolling up turns it off (content growing under a
  // measured row never does); reaching the bottom again, sending, or the pill turns it back on.
  const stickToBottom = useRef(anchorId === null);
  const lastScrollTop = useRef(0);
  const userScrolled = useRef(false);
  const markUserScroll = () => {
    userScrolled.current = true;
  };
  const [following, setFollowing] = useState(anchorId === null);
  /** The newest message when the operator left the bottom: later ones are "new". */
  const [lastSeenId, setLastSeenId] = useState<string | null>(null);
  const positioned = useRef<string | null>(null);
  // Messages picked for "Copy as Markdown"; the last one clicked anchors a Shift+click range.
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const pickAnchor = useRef<string | null>(null);
  const copyNotice = useCopyNotice();
  useEffect(() => {
    setPicked(new Set());
    pickAnchor.current = null;
  }, [id]);
  // Only what is still in the (bounded) window can be copied from memory.
  const pickedMessages = useMemo(() => (picked.size === 0 ? [] : messages.filter((m) => picked.has(m.id))), [messages, picked]);
  /** The row at the top of the view and how far into it the view starts, as of the last scroll. */
  const readingAt = useRef<{ id: string; offset: number } | null>(null);
  const windowStart = useRef<string | undefined>(undefined);

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 76,
    overscan: 10,
    getItemKey: (index) => messages[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  // The window is bounded (message-window.ts), so "new" is counted from a message id, not from an index.
  const seenCount = lastSeenId === null ? null : messages.findIndex((m) => m.id === lastSeenId) + 1;
  const unseen = seenCount === null ? 0 : countIncoming(messages, seenCount);
  const readOnly = source !== 'live' || agent === null;
  const name = agent?.name ?? title ?? 'Agent';

  // Keep the row the operator was looking at in place when the window's start moves: older rows paged in above it,
  // or the oldest rows leaving the bounded window while new ones stream in.
  useLayoutEffect(() => {
    const start = messages[0]?.id;
    if (start === windowStart.current) return;
    windowStart.current = start;
    const anchor = readingAt.current;
    const el = scroller.current;
    if (anchor && el) {
      const index = messages.findIndex((m) => m.id === anchor.id);
      const top = index >= 0 ? virtualizer.getOffsetForIndex(index, 'start')?.[0] : undefined;
      if (top !== undefined) el.scrollTop = top + anchor.offset;
    }
    // Sizes measured for rows that left the window would otherwise pile up for as long as the view is open.
    const sizes = virtualizer.itemSizeCache;
    if (sizes.size > 2 * messages.length + 100) {
      const kept = new Set(messages.map((m) => m.id));
      for (const key of sizes.keys()) if (!kept.has(String(key))) sizes.delete(key);
    }
  }, [messages, virtualizer]);

  // First position: the newest message, or the opened hit in the middle of its context.
  useLayoutEffect(() => {
    if (messages.length === 0) return;
    const target = anchorId !== null && !stickToBottom.current ? anchorId : '@bottom';
    if (positioned.current === `${id}|${target}`) return;
    positioned.current = `${id}|${target}`;
    const index = target === '@bottom' ? messages.length - 1 : messages.findIndex((m) => m.id === target);
    virtualizer.scrollToIndex(Math.max(0, index), { align: target === '@bottom' ? 'end' : 'center' });
  }, [messages, anchorId, id, hasNewer, virtualizer]);

  // Follow the newest end while sticking: after every render that changed the content's height (new rows, rows
  // measured taller than estimated, a streamed reply growing), pin the scroll to the bottom.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !stickToBottom.current || hasNewer || positioned.current === null) return;
    el.scrollTop = el.scrollHeight;
    lastScrollTop.current = el.scrollTop;
  });
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    // Streamed replies and late measurements change the height without a render of this component.
    const observer = new ResizeObserver(() => {
      if (stickToBottom.current && !hasNewer) box.scrollTop = box.scrollHeight;
    });
    for (const child of box.children) observer.observe(child);
    return () => observer.disconnect();
  });

  function pick(message: Message, event: MouseEvent<HTMLInputElement>) {
    const on = event.currentTarget.checked;
    const anchor = pickAnchor.current === null ? -1 : messages.findIndex((m) => m.id === pickAnchor.current);
    const at = messages.findIndex((m) => m.id === message.id);
    const range = event.shiftKey && anchor !== -1 ? messages.slice(Math.min(anchor, at), Math.max(anchor, at) + 1) : [message];
    pickAnchor.current = message.id;
    setPicked((current) => {
      const next = new Set(current);
      for (const m of range) {
        if (on) next.add(m.id);
        else next.delete(m.id);
      }
      return next;
    });
  }

  function clearPicked() {
    setPicked(new Set());
    pickAnchor.current = null;
  }

  function onViewKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape' && picked.size > 0) {
      event.stopPropagation();
      clearPicked();
    }
  }

  function copyAsMarkdown() {
    if (pickedMessages.length > 0) void copyMessagesAsMarkdown(pickedMessages, name, conversation?.title ?? null);
    else if (id !== null) void copyConversationAsMarkdown(id, source);
  }

  function follow(on: boolean) {
    stickToBottom.current = on;
    setFollowing(on);
    setLastSeenId(on ? null : (seen) => seen ?? messages.at(-1)?.id ?? null);
  }

  /** Back to the newest message and follow it: the pill, and the operator's own send. */
  function toLatest() {
    follow(true);
    if (hasNewer) {
      positioned.current = null;
      jumpToLatest();
      return;
    }
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }

  // Page in when the operator scrolls near an end. Read from the element itself at scroll time, never from a
  // render's snapshot: a snapshot taken before the first positioning landed would page from the wrong place.
  function onScroll(el: HTMLDivElement) {
    const first = virtualizer.getVirtualItemForOffset(el.scrollTop);
    readingAt.current = first ? { id: String(first.key), offset: el.scrollTop - first.start } : null;
    const atBottom = !hasNewer && el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    // Only the operator's own scrolling up counts: the virtualizer also moves scrollTop when it measures rows.
    const scrolledUp = userScrolled.current && el.scrollTop < lastScrollTop.current - 1;
    userScrolled.current = false;
    lastScrollTop.current = el.scrollTop;
    if (atBottom && !stickToBottom.current) follow(true);
    else if (!atBottom && scrolledUp && stickToBottom.current && positioned.current !== null) follow(false);
    if (loading || positioned.current === null || messages.length === 0) return;
    if (el.scrollTop < EDGE_PX && hasOlder) {
      loadOlder();
    } else if (el.scrollHeight - el.scrollTop - el.clientHeight < EDGE_PX && hasNewer) {
      loadNewer();
    }
  }

  return (
    <section
      className={`conversation${picked.size > 0 ? ' picking' : ''}`}
      aria-label={`Conversation with ${name}`}
      data-conversation-id={id ?? ''}
      onKeyDown={onViewKeyDown}
    >
      <header className="conversation-header">
        {/* Who first (name, role, whether it is there), then what the link measures, quieter, in its own row. */}
        <div className="conversation-title">
          <h2>{name}</h2>
          <span className="muted">
            {agent ? `${agent.role} · ${agent.department}` : (title ?? id)}
            {source === 'archive' && ' · read-only review'}
          </span>
          {agent && source === 'live' && <LinkStateText state={agent.linkState} health={agent.health} />}
        </div>
        <div className="conversation-actions">
          {pickedMessages.length > 0 && (
            <button type="button" className="link-button" onClick={clearPicked}>
              Clear selection
            </button>
          )}
          <button type="button" className="copy-markdown" onClick={copyAsMarkdown} disabled={id === null}>
            {pickedMessages.length > 0 ? `Copy ${pickedMessages.length} as Markdown` : 'Copy as Markdown'}
          </button>
        </div>
        {headerDetail && <div className="conversation-figures">{headerDetail({ queued })}</div>}
      </header>
      {toolbar}
      <ErrorNotice error={messages.length === 0 ? null : error} />
      <p className={`copy-notice${copyNotice && !copyNotice.ok ? ' copy-failed' : ''}`} role="status">
        {copyNotice?.text ?? ''}
      </p>
      <div
        className="message-list virtual"
        ref={scroller}
        data-testid="message-scroller"
        onScroll={(e) => onScroll(e.currentTarget)}
        onWheel={markUserScroll}
        onTouchMove={markUserScroll}
        onPointerDown={markUserScroll}
        onKeyDown={markUserScroll}
        tabIndex={0}
        role="log"
        aria-label={`Messages with ${name}`}
      >
        {messages.length === 0 && (
          <ViewState
            what="messages"
            loading={loading}
            error={error}
            empty
            emptyTitle="No messages yet"
            emptyHint={readOnly ? 'This conversation has no messages.' : `Say hello to ${name}: type below and press Enter.`}
          >
            {null}
          </ViewState>
        )}
        <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const message = messages[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={`virtual-row${message.id === anchorId ? ' anchor-row' : ''}${continues(messages[item.index - 1], message) ? ' continued' : ''}`}
                data-anchor={message.id === anchorId ? 'true' : undefined}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {unseen > 0 && item.index === seenCount && (
                  <div className="new-divider" role="separator" aria-label="New messages">
                    <span>New</span>
                  </div>
                )}
                <input
                  type="checkbox"
                  className="pick-message"
                  checked={picked.has(message.id)}
                  onClick={(event) => pick(message, event)}
                  onChange={() => {}}
                  aria-label={`Select message ${item.index + 1} from ${message.direction === 'out' ? 'you' : name}`}
                />
                <MessageBubble message={message} agentName={name} continued={continues(messages[item.index - 1], message)} />
              </div>
            );
          })}
        </div>
        {id !== null && !readOnly && <StreamingReplies conversationId={id} agentName={name} />}
      </div>
      {hasNewer ? (
        <button type="button" className="jump-latest" onClick={toLatest}>
          Back to latest ↓
        </button>
      ) : (
        !following &&
        unseen > 0 && (
          <button type="button" className="jump-latest" onClick={toLatest}>
            {unseen} new {unseen === 1 ? 'message' : 'messages'} ↓
          </button>
        )
      )}
      {!readOnly && agent && id && <Composer agentId={agent.id} agentName={agent.name} conversationId={id} onSent={toLatest} />}
    </section>
  );
}

function countIncoming(messages: readonly Message[], from: number): number {
  let count = 0;
  for (let i = from; i < messages.length; i++) if (messages[i]!.direction === 'in') count++;
  return count;
}

/** Consecutive messages from the same side within five minutes form one group: only the first shows its header. */
function continues(previous: Message | undefined, message: Message): boolean {
  return (
    previous !== undefined &&
    previous.direction === message.direction &&
    previous.from === message.from &&
    message.createdAt - previous.createdAt < 5 * 60_000 &&
    !previous.data?.console_note &&
    !message.data?.console_note
  );
}
