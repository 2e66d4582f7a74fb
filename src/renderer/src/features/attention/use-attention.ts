import { useEffect } from 'react';
import type { AttentionCounts } from '@shared/domain';
import { api, hostKind } from '../../lib/api';
import { onEvent, type QuerySpec, queryKey } from '../../lib/query-cache';
import { useEvent, useQuery } from '../../lib/use-query';
import type { OpenTarget } from '../navigation/navigation';


const countsQuery: QuerySpec<AttentionCounts> = {
  key: queryKey('attention:counts', {}),
  load: (invoke) => invoke('attention:counts', {}),
  // Each event carries all the counts: the last one of a batch is the truth.
  merges: [onEvent('attention:changed', (_counts: AttentionCounts, batch) => batch.at(-1)!)],
};

/**
 * Connects the window to the core's attention layer: reports what is on screen (so that conversation does not
 * notify), keeps the badge counts, routes "open this" requests, and in the browser host shows the core's
 * notification requests with the Web Notification API (Electron's main shows native ones itself).
 */
export function useAttention(conversationOnScreen: string | null, open: (target: OpenTarget) => void): AttentionCounts | null {
  const { data } = useQuery(countsQuery);

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

  useEvent('attention:open-requested', ({ target }) => open(target));
  useEvent(
    'notification:requested',
    hostKind === 'browser'
      ? (request) => {
          if (!('Notification' in window) || Notification.permission !== 'granted') return;
          const notification = new Notification(request.title, { body: request.body, tag: request.target.id });
          notification.onclick = () => {
            window.focus();
            open(request.target);
          };
        }
      : null,
  );

  return data ?? null;
}
