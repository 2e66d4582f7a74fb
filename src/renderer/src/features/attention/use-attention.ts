import { useEffect, useState } from 'react';
import type { AttentionCounts, NotificationRequest } from '../../../../shared/domain';
import { api, hostKind } from '../../lib/api';

export type OpenTarget = NotificationRequest['target'];

/**
 * Connects the window to the core's attention layer: reports what is on screen (so that conversation does not
 * notify), keeps the badge counts, routes "open this" requests, and in the browser host shows the core's
 * notification requests with the Web Notification API (Electron's main shows native ones itself).
 */
export function useAttention(conversationOnScreen: string | null, open: (target: OpenTarget) => void): AttentionCounts | null {
  const [counts, setCounts] = useState<AttentionCounts | null>(null);

  useEffect(() => {
    const report = () =>
      void api.attention.viewing({ windowFocused: document.hasFocus() && !document.hidden, conversationId: conversationOnScreen });
    report();
    window.addEventListener('focus', report);
    window.addEventListener('blur', report);
    document.addEventListener('visibilitychange', report);
    return () => {
      window.removeEventListener('focus', report);
      window.removeEventListener('blur', report);
      document.removeEventListener('visibilitychange', report);
    };
  }, [conversationOnScreen]);

  useEffect(() => {
    void api.attention.counts().then((result) => result.ok && setCounts(result.value));
    const offCounts = api.onAttentionChanged(setCounts);
    const offOpen = api.onAttentionOpenRequested(({ target }) => open(target));
    const offNotify =
      hostKind === 'browser'
        ? api.onNotificationRequested((request) => {
            if (!('Notification' in window) || Notification.permission !== 'granted') return;
            const notification = new Notification(request.title, { body: request.body, tag: request.target.id });
            notification.onclick = () => {
              window.focus();
              open(request.target);
            };
          })
        : () => {};
    return () => {
      offCounts();
      offOpen();
      offNotify();
    };
  }, [open]);

  return counts;
}
