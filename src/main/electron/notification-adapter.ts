import type { NotificationRequest } from '../../shared/domain';
import type { Core } from '../core';

/** The slice of Electron's Notification this needs, so the adapter is testable with a fake. */
export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}
export type NotificationFactory = (options: { title: string; body: string; urgency?: 'normal' | 'critical' }) => NotificationLike;

/**
 * Shows the core's notification requests natively. The policy (levels, quiet hours, coalescing, the conversation
 * on screen) is the core's: this adapter only displays, and on click focuses the window and opens the item.
 */
export function showCoreNotifications(
  core: Pick<Core, 'on' | 'api'>,
  createNotification: NotificationFactory,
  focusWindow: () => void,
  /** Told after each notification, e.g. to count unread messages on the badge. */
  onNotified: (request: NotificationRequest) => void = () => {},
): () => void {
  return core.on('notification:requested', (request: NotificationRequest) => {
    const notification = createNotification({
      title: request.title,
      body: request.body,
      ...(request.severity === 'critical' ? { urgency: 'critical' as const } : {}),
    });
    notification.on('click', () => {
      focusWindow();
      void core.api.attention.open({ target: request.target });
    });
    notification.show();
    onNotified(request);
  });
}
