import type { Decision, NotificationRequest } from '../../shared/domain';
import type { Core } from '../core';

/** A button on a native notification (Electron's NotificationAction of type `button`). */
export interface NotificationButton {
  type: 'button';
  text: string;
}

/** The slice of Electron's Notification this needs, so the adapter is testable with a fake. */
export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
  /** Electron passes (event, actionIndex); the index is the one this reads (the event's field is newer). */
  on(event: 'action', listener: (event: unknown, actionIndex: number) => void): unknown;
}
export type NotificationFactory = (options: {
  title: string;
  body: string;
  urgency?: 'normal' | 'critical';
  actions?: NotificationButton[];
}) => NotificationLike;

/** Only macOS and Windows show notification buttons (Electron's `actions`); elsewhere a click opens the item. */
export function platformHasNotificationActions(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

const APPROVE: NotificationButton = { type: 'button', text: 'Approve' };
const OPEN: NotificationButton = { type: 'button', text: 'Open' };

export interface NotificationOptions {
  /** Told after each notification, e.g. to count unread messages on the badge. */
  onNotified?: (request: NotificationRequest) => void;
  /** Whether the OS shows buttons on a notification (see platformHasNotificationActions). */
  actions?: boolean;
}

/**
 * Shows the core's notification requests natively. The policy (levels, quiet hours, coalescing, the conversation
 * on screen) is the core's: this adapter only displays, and on click focuses the window and opens the item.
 *
 * A decision waiting for the operator offers Approve and Open where the OS shows buttons. Approve goes through the
 * same contract call as the card's button, so the core's rules apply (a settled or expired decision is refused). A
 * decision the agent marked high risk offers only Open: it needs the deliberate confirmation on its card.
 */
export function showCoreNotifications(
  core: Pick<Core, 'on' | 'api'>,
  createNotification: NotificationFactory,
  focusWindow: () => void,
  options: NotificationOptions = {},
): () => void {
  const { onNotified = () => {}, actions: osHasActions = false } = options;
  const open = (request: NotificationRequest) => {
    focusWindow();
    void core.api.attention.open({ target: request.target });
  };

  async function approvable(request: NotificationRequest): Promise<Decision | null> {
    const { target } = request;
    // A coalesced summary names several events: its buttons could only mean the latest, so it gets none.
    if (!osHasActions || target.kind !== 'decision' || !target.agentId || request.count !== 1) return null;
    const result = await core.api.decisions.list({ agentId: target.agentId, states: ['pending'], limit: 1000 });
    if (!result.ok) return null;
    return result.value.find((d) => d.id === target.id) ?? null;
  }

  async function show(request: NotificationRequest) {
    const decision = await approvable(request);
    const buttons = decision === null ? [] : decision.context?.risk === 'high' ? [OPEN] : [APPROVE, OPEN];
    const notification = createNotification({
      title: request.title,
      body: request.body,
      ...(request.severity === 'critical' ? { urgency: 'critical' as const } : {}),
      ...(buttons.length > 0 ? { actions: buttons } : {}),
    });
    notification.on('click', () => open(request));
    notification.on('action', (_event, index) => {
      if (buttons[index] !== APPROVE || decision === null) return open(request);
      void core.api.decisions.decide({ agentId: decision.agentId, id: decision.id, outcome: 'approved' }).then((result) => {
        // Refused (someone decided first, it expired): show it, so the operator sees why nothing happened.
        if (!result.ok) open(request);
      });
    });
    notification.show();
    onNotified(request);
  }

  return core.on('notification:requested', (request: NotificationRequest) => void show(request));
}
